/** Positions a workflow graph's nodes for the diagram (dagre, top to bottom) and labels its edges. */
import dagre from "@dagrejs/dagre";
import type { Edge, Node } from "@xyflow/react";
import { modelDisplay } from "@/lib/queries/workflow-graph";
import { END, type Graph, type GraphNode } from "@/lib/queries/workflow-types";
import { edgeLabel } from "./edge-label";
import type { Point } from "./edge-route";
import type { RoutedEdgeType } from "./routed-edge";

export interface AgentNodeData extends Record<string, unknown> {
  node: GraphNode;
  /** The model the node runs: its own, or the workflow's default. */
  model: string;
  inheritsModel: boolean;
  start: boolean;
  /** On an approval node, shown instead of a model (it calls none): "approval · any member may answer". */
  approval: string | null;
}

/** What an approval node's card says in place of a model: that it is one, and who may answer it. */
export function approvalLine(node: Pick<GraphNode, "kind" | "approvers">): string | null {
  if (node.kind !== "approval") return null;
  const who = node.approvers?.length ? `${node.approvers.join(" or ")} may answer` : "any member may answer";
  return `approval · ${who}`;
}

export type DiagramNode = Node<AgentNodeData, "agent"> | Node<Record<string, never>, "end">;

export const NODE_WIDTH = 240;
const END_SIZE = 64;

/** The node's box height: header lines plus one line per typed output field. */
export function nodeHeight(node: Omit<GraphNode, "model">): number {
  const fields = Object.keys(node.output ?? {}).length;
  return 84 + (fields ? 12 + fields * 18 : 0) + (node.join ? 22 : 0);
}

/** The key of an edge in backEdges' set. */
export const backKey = (from: string, to: string) => `${from}\u0000${to}`;

/** The edges that close a cycle (drawn dashed, around the nodes), as backKey(from, to). */
export function backEdges(graph: {
  start: string;
  nodes: readonly { id: string }[];
  edges: readonly { from: string; to: string }[];
}): Set<string> {
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
      if (s === "open") back.add(backKey(e.from, e.to));
      else if (!s) visit(e.to);
    }
    state.set(id, "done");
  };
  visit(graph.start);
  for (const n of graph.nodes) if (!state.has(n.id)) visit(n.id);
  return back;
}

interface Placed {
  /** Top-left corners. */
  positions: Map<string, Point>;
  /** Dagre's route for each forward edge, by backKey(from, to); none when the editor placed the nodes. */
  routes: Map<string, Point[]>;
}

/** Top-left corners and edge routes from dagre (top to bottom; back edges do not rank, so a loop's body keeps its order). */
function dagrePositions(graph: Graph, back: Set<string>, ends: boolean): Placed {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 64, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n) });
  if (ends) g.setNode(END, { width: END_SIZE, height: END_SIZE });
  for (const e of graph.edges) if (!back.has(backKey(e.from, e.to))) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const out = new Map<string, Point>();
  for (const id of g.nodes()) {
    const p = g.node(id);
    out.set(id, { x: p.x - p.width / 2, y: p.y - p.height / 2 });
  }
  const routes = new Map<string, Point[]>();
  for (const e of g.edges()) {
    const points = g.edge(e)?.points;
    if (points?.length)
      routes.set(
        backKey(e.v, e.w),
        points.map((p: Point) => ({ x: p.x, y: p.y })),
      );
  }
  return { positions: out, routes };
}

/**
 * The editor's positions when every node has one (END goes below the nodes that lead to it);
 * otherwise dagre lays the whole graph out, so a half-placed graph never overlaps.
 */
function nodePositions(graph: Graph, back: Set<string>, ends: boolean): Placed {
  if (!graph.nodes.length || graph.nodes.some((n) => !n.position)) return dagrePositions(graph, back, ends);
  const out = new Map(graph.nodes.map((n) => [n.id, n.position!]));
  if (ends) {
    const into = graph.edges.filter((e) => e.to === END).map((e) => out.get(e.from));
    const before = (into.some(Boolean) ? into : [...out.values()]).filter((p) => p !== undefined);
    const bottom = Math.max(...graph.nodes.map((n) => n.position!.y + nodeHeight(n)));
    const x = before.reduce((sum, p) => sum + p.x, 0) / before.length + NODE_WIDTH / 2 - END_SIZE / 2;
    out.set(END, { x, y: bottom + 64 });
  }
  return { positions: out, routes: new Map() };
}

export function layoutGraph(graph: Graph, defaultModel: string): { nodes: DiagramNode[]; edges: Edge[] } {
  const ends = graph.edges.some((e) => e.to === END);
  const back = backEdges(graph);
  const { positions, routes } = nodePositions(graph, back, ends);
  const topLeft = (id: string) => positions.get(id) ?? { x: 0, y: 0 };
  const nodes: DiagramNode[] = graph.nodes.map((n) => {
    const approval = approvalLine(n);
    return {
      id: n.id,
      type: "agent",
      position: topLeft(n.id),
      ariaLabel: `Node ${n.id}: ${n.role}${n.id === graph.start ? ", start" : ""}${n.join ? ", waits for all branches" : ""}${approval ? `, ${approval.replace(" · ", ": ")}` : ""}`,
      data: {
        node: n,
        model: approval ? "" : n.model ? modelDisplay(n.model) : defaultModel,
        inheritsModel: !approval && !n.model,
        start: n.id === graph.start,
        approval,
      },
    };
  });
  if (ends) {
    nodes.push({ id: END, type: "end", position: topLeft(END), ariaLabel: "End", data: {} });
  }
  let lanes = 0;
  const edges: RoutedEdgeType[] = graph.edges.map((e, i) => {
    const label = edgeLabel(
      e,
      graph.edges.filter((s) => s.from === e.from),
    );
    const loop = back.has(backKey(e.from, e.to));
    return {
      id: `e${i}-${e.from}-${e.to}`,
      type: "routed",
      source: e.from,
      target: e.to,
      label,
      animated: false,
      data: loop ? { back: true, lane: lanes++ } : { points: routes.get(backKey(e.from, e.to)) },
      style: loop ? { strokeDasharray: "6 4" } : undefined,
      ariaLabel: `${e.from} to ${e.to}${label ? ` when ${label}` : ""}${loop ? " (loops back)" : ""}`,
    };
  });
  return { nodes, edges };
}
