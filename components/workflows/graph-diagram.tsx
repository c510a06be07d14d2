"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type NodeProps,
  type NodeTypes,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { Graph } from "@/lib/queries/workflow-types";
import { overlayEdgeKey, type DiagramOverlay, type EdgeTone, type NodeOverlay, type NodeTone } from "./diagram-overlay";
import { layoutGraph, NODE_WIDTH, nodeHeight, type AgentNodeData, type DiagramNode } from "./graph-layout";
import { edgeTypes } from "./routed-edge";
import { reportFlowError, useHasSize } from "./use-has-size";

const hidden = "pointer-events-none! opacity-0!";

const nodeTones: Record<NodeTone, string> = {
  added: "border-2 border-emerald-600 bg-emerald-50",
  removed: "border-2 border-dashed border-red-600 bg-red-50",
  changed: "border-2 border-amber-500 bg-amber-50",
  moved: "border-zinc-300 bg-white",
  visited: "border-2 border-accent bg-white",
  running: "border-2 border-accent bg-accent-soft",
  failed: "border-2 border-red-600 bg-red-50",
  unvisited: "border-dashed border-zinc-300 bg-zinc-100 shadow-none",
};

const badgeTones: Record<NodeTone, string> = {
  added: "bg-emerald-700 text-white",
  removed: "bg-red-700 text-white",
  changed: "bg-amber-800 text-white",
  moved: "bg-zinc-700 text-white",
  visited: "bg-accent text-white",
  running: "bg-accent text-white",
  failed: "bg-red-700 text-white",
  unvisited: "bg-zinc-600 text-white",
};

const edgeStrokes: Record<EdgeTone, { stroke: string; strokeWidth: number; strokeDasharray?: string }> = {
  added: { stroke: "#059669", strokeWidth: 2.5 },
  removed: { stroke: "#dc2626", strokeWidth: 2, strokeDasharray: "2 4" },
  changed: { stroke: "#d97706", strokeWidth: 2.5 },
  taken: { stroke: "#4f46e5", strokeWidth: 3 },
  untaken: { stroke: "#d4d4d8", strokeWidth: 1 },
};

interface OverlaidData extends AgentNodeData {
  overlay?: NodeOverlay;
  selected?: boolean;
}

function AgentNode({ data }: NodeProps<Extract<DiagramNode, { type: "agent" }>>) {
  const { node, model, inheritsModel, start, overlay, selected }: OverlaidData = data;
  const fields = Object.entries(node.output ?? {});
  return (
    <div
      className={cn(
        "relative rounded-lg border px-3 py-2 text-left shadow-xs",
        overlay ? nodeTones[overlay.tone] : "border-zinc-300 bg-white",
        selected && "ring-4 ring-accent/40",
      )}
      style={{ width: NODE_WIDTH, minHeight: nodeHeight(node) }}
      data-tone={overlay?.tone}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className={hidden} />
      {overlay?.badges.length ? (
        <p className="absolute -top-2.5 right-2 flex max-w-[90%] gap-1" data-testid="node-badges">
          {overlay.badges.map((b) => (
            <span
              key={b}
              className={cn("truncate rounded px-1.5 text-[11px] leading-5 font-semibold", badgeTones[overlay.tone])}
            >
              {b}
            </span>
          ))}
        </p>
      ) : null}
      <p className="flex items-center gap-1.5 text-[11px] font-medium text-zinc-600">
        {start ? <span className="rounded bg-zinc-900 px-1 text-white">start</span> : null}
        <span className="truncate font-mono">{node.id}</span>
      </p>
      <p
        className={cn(
          "truncate text-sm font-semibold text-zinc-900",
          overlay?.tone === "removed" && "line-through decoration-red-700",
        )}
      >
        {node.role}
      </p>
      {data.approval ? (
        <p className="truncate text-[11px] font-medium text-amber-900" data-testid="node-approval">
          {data.approval}
        </p>
      ) : (
        <p className="truncate font-mono text-[11px] text-zinc-600">
          {model}
          {inheritsModel ? " (default)" : ""}
        </p>
      )}
      {node.join ? (
        <p className="mt-1 inline-block rounded border border-zinc-400 px-1 text-[11px] font-medium text-zinc-800">
          ⋈ join: waits for all branches
        </p>
      ) : null}
      {fields.length ? (
        <dl className="mt-1.5 border-t border-zinc-200 pt-1 font-mono text-[11px] leading-[18px]">
          {fields.map(([name, type]) => (
            <div key={name} className="flex justify-between gap-2">
              <dt className="truncate text-zinc-800">{name}</dt>
              <dd className="truncate text-zinc-600">{type}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} className={hidden} />
    </div>
  );
}

function EndNode() {
  return (
    <div className="grid size-16 place-items-center rounded-full border-4 border-double border-zinc-800 bg-white text-xs font-bold text-zinc-900">
      <Handle type="target" position={Position.Top} isConnectable={false} className={hidden} />
      END
    </div>
  );
}

const nodeTypes: NodeTypes = { agent: AgentNode, end: EndNode };

const FIT = { padding: 0.15 };

/** Fits the graph again when the diagram's box changes size (a phone turned, a window narrowed). */
function FitOnResize() {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (width && height) void fitView(FIT);
  }, [width, height, fitView]);
  return null;
}

function overlaid(
  base: { nodes: DiagramNode[]; edges: Edge[] },
  overlay: DiagramOverlay | undefined,
): { nodes: DiagramNode[]; edges: Edge[] } {
  if (!overlay) return base;
  const choosable = Boolean(overlay.onSelect);
  const nodes = base.nodes.map((n): DiagramNode => {
    if (n.type !== "agent") return n;
    const o = overlay.nodes.get(n.id);
    const selected = overlay.selected === n.id;
    return {
      ...n,
      ariaLabel: `${n.ariaLabel}${o ? `, ${o.describe}` : ""}${selected ? ", chosen" : ""}${choosable ? ". Press Enter to list its visits" : ""}`,
      className: choosable ? "cursor-pointer" : undefined,
      data: { ...n.data, overlay: o, selected },
    };
  });
  const edges = base.edges.map((e): Edge => {
    const o = overlay.edges.get(overlayEdgeKey(e.source, e.target));
    if (!o) return e;
    const label = [typeof e.label === "string" ? e.label : undefined, o.label].filter(Boolean).join(" · ");
    return {
      ...e,
      label: label || undefined,
      style: { ...e.style, ...edgeStrokes[o.tone] },
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: edgeStrokes[o.tone].stroke },
      ariaLabel: `${e.ariaLabel}, ${o.describe}`,
    };
  });
  return { nodes, edges };
}

/** The workflow's graph, laid out automatically (or where the editor put it); read-only (pan and zoom only). */
export function GraphDiagram({
  graph,
  defaultModel,
  label,
  overlay,
  className,
}: {
  graph: Graph;
  defaultModel: string;
  label: string;
  /** A version diff's or a run's marks. */
  overlay?: DiagramOverlay;
  className?: string;
}) {
  const base = useMemo(() => layoutGraph(graph, defaultModel), [graph, defaultModel]);
  const { nodes, edges } = useMemo(() => overlaid(base, overlay), [base, overlay]);
  const onSelect = overlay?.onSelect;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!onSelect || (e.key !== "Enter" && e.key !== " ")) return;
    const id = (e.target as HTMLElement).closest<HTMLElement>(".react-flow__node")?.dataset.id;
    if (!id || id === "END") return;
    e.preventDefault();
    onSelect(id);
  };
  // The canvas measures its box when it mounts: it waits until the box has a size.
  const box = useRef<HTMLDivElement>(null);
  const sized = useHasSize(box);
  return (
    <div
      ref={box}
      role="region"
      aria-label={label}
      data-testid="graph-diagram"
      onKeyDown={onKeyDown}
      className={cn(
        "h-[28rem] w-full overflow-hidden rounded-md border border-zinc-200 bg-zinc-50 max-sm:h-96 [&_.react-flow__attribution]:bg-white/90 [&_.react-flow__attribution_a]:text-zinc-700! [&_.react-flow__edge-text]:fill-zinc-800 [&_.react-flow__edge-text]:text-[11px]",
        className,
      )}
    >
      {sized ? (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onError={reportFlowError}
          defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } }}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          onNodeClick={onSelect ? (_e, node) => node.id !== "END" && onSelect(node.id) : undefined}
          edgesFocusable
          nodesFocusable
          fitView
          fitViewOptions={FIT}
          minZoom={0.2}
          maxZoom={1.5}
          colorMode="light"
        >
          <Background gap={16} size={1} />
          <Controls showInteractive={false} />
          <FitOnResize />
        </ReactFlow>
      ) : null}
    </div>
  );
}
