"use client";

import "@xyflow/react/dist/style.css";
import {
  applyNodeChanges,
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Connection,
  type Node,
  type NodeChange,
  type NodeProps,
  type NodeTypes,
} from "@xyflow/react";
import { useMemo, useState, type KeyboardEvent } from "react";
import { END } from "@/lib/graph/types";
import { edgeLabel } from "../edge-label";
import { approvalLine, backEdges, backKey, NODE_WIDTH } from "../graph-layout";
import { edgeTypes, type RoutedEdgeType } from "../routed-edge";
import { reportFlowError } from "../use-has-size";
import { isPlaced, toGraph, type Draft, type DraftNode } from "./draft";
import type { Point } from "./layout-draft";
import type { ProblemIndex } from "./validate";

interface EditorNodeData extends Record<string, unknown> {
  node: DraftNode;
  start: boolean;
  model: string;
  problems: number;
}

type EditorNode = Node<EditorNodeData, "agent"> | Node<Record<string, never>, "end">;

const handle = "size-3! border-2! border-white! bg-accent!";
// The canvas library removes the focused node's outline; its box draws one instead.
const focusRing = "in-focus-visible:outline-3 in-focus-visible:outline-offset-2 in-focus-visible:outline-accent";

function AgentBox({ data, selected }: NodeProps<Extract<EditorNode, { type: "agent" }>>) {
  const { node, start, model, problems } = data;
  const fields = node.output;
  return (
    <div
      className={`rounded-lg border bg-white px-3 py-2 text-left shadow-xs ${focusRing} ${
        problems
          ? "border-red-500 ring-2 ring-red-200"
          : selected
            ? "border-accent ring-2 ring-accent/30"
            : "border-zinc-300"
      }`}
      style={{ width: NODE_WIDTH }}
      data-testid="editor-node"
    >
      <Handle type="target" position={Position.Top} className={handle} />
      <p className="flex items-center gap-1.5 text-[11px] font-medium text-zinc-600">
        {start ? <span className="rounded bg-zinc-900 px-1 text-white">start</span> : null}
        <span className="truncate font-mono">{node.id || "(no id)"}</span>
        {problems ? (
          <span className="ml-auto rounded bg-red-600 px-1 text-white" data-testid="node-problems">
            {problems} {problems === 1 ? "problem" : "problems"}
          </span>
        ) : null}
      </p>
      <p className="truncate text-sm font-semibold text-zinc-900">{node.role || "(no role)"}</p>
      <p className="truncate font-mono text-[11px] text-zinc-600">{model}</p>
      {node.join ? (
        <p className="mt-1 inline-block rounded border border-zinc-400 px-1 text-[11px] font-medium text-zinc-800">
          ⋈ join: waits for all branches
        </p>
      ) : null}
      {fields.length ? (
        <dl className="mt-1.5 border-t border-zinc-200 pt-1 font-mono text-[11px] leading-[18px]">
          {fields.map((f) => (
            <div key={f.key} className="flex justify-between gap-2">
              <dt className="truncate text-zinc-800">{f.name}</dt>
              <dd className="truncate text-zinc-600">{f.type}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <Handle type="source" position={Position.Bottom} className={handle} />
    </div>
  );
}

function EndBox() {
  return (
    <div
      className={`grid size-16 place-items-center rounded-full border-4 border-double border-zinc-800 bg-white text-xs font-bold text-zinc-900 ${focusRing}`}
    >
      <Handle type="target" position={Position.Top} className={handle} />
      END
    </div>
  );
}

const nodeTypes: NodeTypes = { agent: AgentBox, end: EndBox };

export interface CanvasProps {
  draft: Draft;
  problems: ProblemIndex;
  defaultModel: string;
  selected: string | null;
  end: Point;
  label: string;
  onSelect: (key: string | null, edge?: string) => void;
  onMove: (key: string, position: Point) => void;
  onMoveEnd: (position: Point) => void;
  onConnect: (from: string, to: string) => void;
  onDeleteNode: (key: string) => void;
  onDeleteEdge: (key: string) => void;
  /** Adds a node after `from` (connected from it) or on its own. */
  onAddNode: (from: string | null) => void;
  /** Opens the node in the inspector with its "Connect to…" focused. */
  onConnectFrom: (key: string) => void;
}

function buildNodes(props: CanvasProps): EditorNode[] {
  const { draft, problems, defaultModel, selected, end } = props;
  const nodes: EditorNode[] = draft.nodes.map((n) => {
    const count = problems.nodes.get(n.key)?.length ?? 0;
    const start = draft.start === n.key;
    return {
      id: n.key,
      type: "agent",
      position: isPlaced(n.position) ? n.position : { x: 0, y: 0 },
      selected: selected === n.key,
      ariaLabel: `Node ${n.id || "without id"}: ${n.role || "no role"}${start ? ", start" : ""}${
        n.join ? ", join" : ""
      }${count ? `, ${count} ${count === 1 ? "problem" : "problems"}` : ""}`,
      // An approval calls no model: its card says who may answer instead.
      data: {
        node: n,
        start,
        model: approvalLine(n.kept) ?? (n.model.trim() || `${defaultModel} (default)`),
        problems: count,
      },
    };
  });
  if (draft.edges.some((e) => e.to === END)) {
    nodes.push({ id: END, type: "end", position: end, ariaLabel: "End", data: {}, selectable: false });
  }
  return nodes;
}

/** The draft's nodes, with the sizes the canvas measured for them; everything else from the draft. */
function keepMeasured(built: EditorNode[], drawn: EditorNode[]): EditorNode[] {
  const before = new Map(drawn.map((n) => [n.id, n.measured]));
  return built.map((n) => ({ ...n, measured: before.get(n.id) }) as EditorNode);
}

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/** The editable canvas: drag to move, drag from a node's bottom handle to another node to connect. */
export function EditorCanvas(props: CanvasProps) {
  const { draft, problems, onSelect, onMove, onConnect, onDeleteNode, onDeleteEdge, onAddNode, onConnectFrom } = props;
  const built = useMemo(
    () => buildNodes(props),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt from exactly what it reads
    [props.draft, props.problems, props.defaultModel, props.selected, props.end],
  );
  // The canvas's own changes (sizes it measured, a drag under way) over the nodes built from the draft
  // they were made on. When the draft moves on, its nodes are drawn with the sizes measured so far.
  const [local, setLocal] = useState(() => ({ base: built, nodes: built }));
  const nodes = useMemo(() => (local.base === built ? local.nodes : keepMeasured(built, local.nodes)), [built, local]);

  const edges: RoutedEdgeType[] = useMemo(() => {
    const graph = toGraph(draft);
    const back = backEdges({ start: draft.start, nodes: draft.nodes.map((n) => ({ id: n.key })), edges: draft.edges });
    let lanes = 0;
    return draft.edges.map((e, i) => {
      const label = edgeLabel(
        graph.edges[i]!,
        graph.edges.filter((s) => s.from === graph.edges[i]!.from),
      );
      const bad = problems.edges.has(e.key);
      const from = draft.nodes.find((n) => n.key === e.from)?.id ?? "?";
      const to = e.to === END ? END : (draft.nodes.find((n) => n.key === e.to)?.id ?? "?");
      const loop = back.has(backKey(e.from, e.to));
      return {
        id: e.key,
        type: "routed",
        source: e.from,
        target: e.to,
        label: bad ? `${label ?? ""} ⚠`.trim() : label,
        data: loop ? { back: true, lane: lanes++ } : {},
        style: bad ? { stroke: "#dc2626", strokeWidth: 2 } : undefined,
        ariaLabel: `Edge ${from} to ${to}${label ? ` when ${label}` : ""}${loop ? " (loops back)" : ""}${bad ? ", has a problem" : ""}`,
      };
    });
  }, [draft, problems]);

  function onNodesChange(changes: NodeChange<EditorNode>[]) {
    setLocal((prev) => ({
      base: built,
      nodes: applyNodeChanges(changes, prev.base === built ? prev.nodes : keepMeasured(built, prev.nodes)),
    }));
    for (const c of changes) {
      if (c.type === "position" && c.position && !c.dragging) {
        if (c.id === END) props.onMoveEnd(c.position);
        else onMove(c.id, c.position);
      }
      if (c.type === "select" && c.selected) onSelect(c.id);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    const el = e.target instanceof Element ? e.target : null;
    const nodeKey = el?.closest(".react-flow__node")?.getAttribute("data-id") ?? null;
    const edgeKey = el?.closest(".react-flow__edge")?.getAttribute("data-id") ?? null;
    const agent = nodeKey && nodeKey !== END ? nodeKey : null;
    const key = e.key.toLowerCase();
    if (key === "n") {
      e.preventDefault();
      onAddNode(agent);
    } else if (key === "c" && agent) {
      e.preventDefault();
      onConnectFrom(agent);
    } else if ((e.key === "Delete" || e.key === "Backspace") && (agent || edgeKey)) {
      e.preventDefault();
      if (agent) onDeleteNode(agent);
      else if (edgeKey) onDeleteEdge(edgeKey);
    } else if (e.key === "Enter" && agent) {
      onSelect(agent);
    } else if (e.key === "Enter" && edgeKey) {
      const edge = draft.edges.find((x) => x.key === edgeKey);
      if (edge) onSelect(edge.from, edge.key);
    }
  }

  return (
    <div
      role="region"
      aria-label={props.label}
      aria-describedby="graph-editor-shortcuts-summary"
      data-testid="graph-canvas"
      onKeyDown={onKeyDown}
      // A focused edge is drawn in the accent colour (the library's own grey is faint).
      style={{ ["--xy-edge-stroke-selected" as string]: "var(--color-accent)" }}
      className="h-[36rem] w-full overflow-hidden rounded-md border border-zinc-200 bg-zinc-50 [&_.react-flow__attribution]:bg-white/90 [&_.react-flow__attribution_a]:text-zinc-700! [&_.react-flow__edge-text]:fill-zinc-800 [&_.react-flow__edge-text]:text-[11px]"
    >
      <p id="graph-editor-shortcuts-summary" className="sr-only">
        Tab moves between nodes and edges. On a node: Enter edits it, C connects it, N adds a node after it, Delete
        removes it, arrow keys move it.
      </p>
      <ReactFlow<EditorNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onError={reportFlowError}
        onNodesChange={onNodesChange}
        onNodeDragStop={(_, node) => {
          if (node.id === END) props.onMoveEnd(node.position);
          else onMove(node.id, node.position);
        }}
        onConnect={(c: Connection) => {
          if (c.source && c.target && c.source !== END) onConnect(c.source, c.target);
        }}
        onNodeClick={(_, node) => onSelect(node.id === END ? null : node.id)}
        onEdgeClick={(_, edge) => onSelect(edge.source, edge.id)}
        onPaneClick={() => onSelect(null)}
        defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } }}
        deleteKeyCode={null}
        nodesFocusable
        edgesFocusable
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.1}
        maxZoom={1.5}
        colorMode="light"
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
