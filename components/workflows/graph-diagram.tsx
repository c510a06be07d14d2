"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type NodeProps,
  type NodeTypes,
} from "@xyflow/react";
import { useMemo } from "react";
import type { Graph } from "@/lib/queries/workflow-types";
import { layoutGraph, NODE_WIDTH, nodeHeight, type AgentNodeData, type DiagramNode } from "./graph-layout";

const hidden = "pointer-events-none! opacity-0!";

function AgentNode({ data }: NodeProps<Extract<DiagramNode, { type: "agent" }>>) {
  const { node, model, inheritsModel, start }: AgentNodeData = data;
  const fields = Object.entries(node.output ?? {});
  return (
    <div
      className="rounded-lg border border-zinc-300 bg-white px-3 py-2 text-left shadow-xs"
      style={{ width: NODE_WIDTH, minHeight: nodeHeight(node) }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className={hidden} />
      <p className="flex items-center gap-1.5 text-[11px] font-medium text-zinc-600">
        {start ? <span className="rounded bg-zinc-900 px-1 text-white">start</span> : null}
        <span className="truncate font-mono">{node.id}</span>
      </p>
      <p className="truncate text-sm font-semibold text-zinc-900">{node.role}</p>
      <p className="truncate font-mono text-[11px] text-zinc-600">
        {model}
        {inheritsModel ? " (default)" : ""}
      </p>
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

/** The workflow's graph, laid out automatically; read-only (pan and zoom only). */
export function GraphDiagram({ graph, defaultModel, label }: { graph: Graph; defaultModel: string; label: string }) {
  const { nodes, edges } = useMemo(() => layoutGraph(graph, defaultModel), [graph, defaultModel]);
  return (
    <div
      role="region"
      aria-label={label}
      data-testid="graph-diagram"
      className="h-[28rem] w-full overflow-hidden rounded-md border border-zinc-200 bg-zinc-50 max-sm:h-96 [&_.react-flow__attribution]:bg-white/90 [&_.react-flow__attribution_a]:text-zinc-700! [&_.react-flow__edge-text]:fill-zinc-800 [&_.react-flow__edge-text]:text-[11px]"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable
        nodesFocusable
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.2}
        maxZoom={1.5}
        colorMode="light"
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
