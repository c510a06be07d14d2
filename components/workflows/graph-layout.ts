/** Positions a workflow graph's nodes for the diagram (dagre, top to bottom) and labels its edges. */
import dagre from "@dagrejs/dagre";
import type { Edge, Node } from "@xyflow/react";
import { END, type Graph, type GraphNode } from "@/lib/queries/workflow-types";
import { edgeLabel } from "./edge-label";

export interface AgentNodeData extends Record<string, unknown> {
  node: GraphNode;
  /** The model the node runs: its own, or the workflow's default. */
  model: string;
  inheritsModel: boolean;
  start: boolean;
}

export type DiagramNode = Node<AgentNodeData, "agent"> | Node<Record<string, never>, "end">;

export const NODE_WIDTH = 240;
const END_SIZE = 64;

/** The node's box height: header lines plus one line per typed output field. */
export function nodeHeight(node: GraphNode): number {
  const fields = Object.keys(node.output ?? {}).length;
  return 84 + (fields ? 12 + fields * 18 : 0) + (node.join ? 22 : 0);
}

/** True when `to` is reached from `from` by a back edge of a cycle (drawn dashed). */
function backEdges(graph: Graph): Set<string> {
  const order = new Map<string, number>();
  const state = new Map<string, "open" | "done">();
  const back = new Set<string>();
  const out = (id: string) => graph.edges.filter((e) => e.from === id);
  const visit = (id: string) => {
    state.set(id, "open");
    order.set(id, order.size);
    for (const e of out(id)) {
      if (e.to === END) continue;
      const s = state.get(e.to);
      if (s === "open") back.add(`${e.from}\u0000${e.to}`);
      else if (!s) visit(e.to);
    }
    state.set(id, "done");
  };
  visit(graph.start);
  for (const n of graph.nodes) if (!state.has(n.id)) visit(n.id);
  return back;
}

export function layoutGraph(graph: Graph, defaultModel: string): { nodes: DiagramNode[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 64, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const ends = graph.edges.some((e) => e.to === END);
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n) });
  if (ends) g.setNode(END, { width: END_SIZE, height: END_SIZE });
  const back = backEdges(graph);
  // Back edges do not rank: the loop's body keeps its top-to-bottom order.
  for (const e of graph.edges) if (!back.has(`${e.from}\u0000${e.to}`)) g.setEdge(e.from, e.to);
  dagre.layout(g);

  const topLeft = (id: string, width: number, height: number) => {
    const p = g.node(id);
    return { x: p.x - width / 2, y: p.y - height / 2 };
  };
  const nodes: DiagramNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: "agent",
    position: topLeft(n.id, NODE_WIDTH, nodeHeight(n)),
    ariaLabel: `Node ${n.id}: ${n.role}${n.id === graph.start ? ", start" : ""}${n.join ? ", waits for all branches" : ""}`,
    data: {
      node: n,
      model: n.model ?? defaultModel,
      inheritsModel: !n.model,
      start: n.id === graph.start,
    },
  }));
  if (ends) {
    nodes.push({ id: END, type: "end", position: topLeft(END, END_SIZE, END_SIZE), ariaLabel: "End", data: {} });
  }
  const edges: Edge[] = graph.edges.map((e, i) => {
    const label = edgeLabel(
      e,
      graph.edges.filter((s) => s.from === e.from),
    );
    const loop = back.has(`${e.from}\u0000${e.to}`);
    return {
      id: `e${i}-${e.from}-${e.to}`,
      source: e.from,
      target: e.to,
      label,
      animated: false,
      style: loop ? { strokeDasharray: "6 4" } : undefined,
      ariaLabel: `${e.from} to ${e.to}${label ? ` when ${label}` : ""}${loop ? " (loops back)" : ""}`,
    };
  });
  return { nodes, edges };
}
