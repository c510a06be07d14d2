/** Lays out a draft with dagre (graph-layout.ts), keyed by node key so duplicate ids still lay out. */
import type { Graph } from "@/lib/queries/workflow-types";
import { END } from "@/lib/workflows/graph/types";
import { layoutGraph, NODE_WIDTH, nodeHeight } from "../graph-layout";
import { isPlaced, toGraph, type Draft } from "./draft";

export interface Point {
  x: number;
  y: number;
}

/** The draft as a graph whose node ids are the draft's keys; edges to missing nodes are left out. */
export function keyedGraph(draft: Draft): Graph {
  const keys = new Set(draft.nodes.map((n) => n.key));
  const graph = toGraph(draft);
  return {
    start: draft.start,
    nodes: graph.nodes.map((n, i) => ({ ...n, id: draft.nodes[i]!.key })),
    edges: draft.edges
      .filter((e) => keys.has(e.from) && (e.to === END || keys.has(e.to)))
      .map((e) => ({ ...graph.edges[draft.edges.indexOf(e)]!, from: e.from, to: e.to })),
    maxSteps: 1,
    maxVisitsPerNode: 1,
  };
}

/** Every node placed by dagre, top to bottom; END's place too. */
export function autoLayout(draft: Draft, defaultModel: string): { draft: Draft; end: Point } {
  const { nodes } = layoutGraph(keyedGraph(draft), defaultModel);
  const at = new Map(nodes.map((n) => [n.id, n.position]));
  const placed = { ...draft, nodes: draft.nodes.map((n) => ({ ...n, position: at.get(n.key) ?? n.position })) };
  return { draft: placed, end: at.get(END) ?? endBelow(placed) };
}

/** END's place when the nodes keep theirs: centred under the lowest node. */
export function endBelow(draft: Draft): Point {
  const placed = draft.nodes.filter((n) => isPlaced(n.position));
  if (!placed.length) return { x: 88, y: 160 };
  const bottom = Math.max(...placed.map((n) => n.position.y + nodeHeight({ id: "", role: "", systemPrompt: "" })));
  const centre = placed.reduce((s, n) => s + n.position.x, 0) / placed.length + NODE_WIDTH / 2;
  return { x: Math.round(centre - 32), y: Math.round(bottom + 72) };
}

/** Where a new node goes: beside the chosen node, or below everything. */
export function placeNew(draft: Draft, near: string | null): Point {
  const anchor = draft.nodes.find((n) => n.key === near && isPlaced(n.position));
  if (anchor) return { x: anchor.position.x + 40, y: anchor.position.y + 160 };
  const placed = draft.nodes.filter((n) => isPlaced(n.position));
  if (!placed.length) return { x: 0, y: 0 };
  return { x: placed[0]!.position.x, y: Math.max(...placed.map((n) => n.position.y)) + 160 };
}
