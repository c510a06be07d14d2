/** Lays out a draft with dagre (graph-layout.ts), keyed by node key so duplicate ids still lay out. */
import { END } from "@/lib/graph/types";
import { servedGraph } from "@/lib/queries/workflow-graph";
import type { Graph } from "@/lib/queries/workflow-types";
import { layoutGraph, NODE_WIDTH, nodeHeight } from "../graph-layout";
import { isPlaced, toGraph, type Draft } from "./draft";

export interface Point {
  x: number;
  y: number;
}

const EMPTY = { id: "", role: "", systemPrompt: "" };

/** The draft as a graph whose node ids are the draft's keys; edges to missing nodes are left out. */
export function keyedGraph(draft: Draft): Graph {
  const keys = new Set(draft.nodes.map((n) => n.key));
  const graph = toGraph(draft);
  return servedGraph({
    start: draft.start,
    nodes: graph.nodes.map((n, i) => ({ ...n, id: draft.nodes[i]!.key })),
    edges: draft.edges
      .filter((e) => keys.has(e.from) && (e.to === END || keys.has(e.to)))
      .map((e) => ({ ...graph.edges[draft.edges.indexOf(e)]!, from: e.from, to: e.to })),
    maxSteps: 1,
    maxVisitsPerNode: 1,
  });
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
  const bottom = Math.max(...placed.map((n) => n.position.y + nodeHeight(EMPTY)));
  const centre = placed.reduce((s, n) => s + n.position.x, 0) / placed.length + NODE_WIDTH / 2;
  return { x: Math.round(centre - 32), y: Math.round(bottom + 72) };
}

const GAP = 40;
const END_BOX = 64;

interface Box extends Point {
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

/**
 * Where a new node goes: below the chosen node (or below everything), moved further down until it
 * overlaps no placed node and none of `avoid` (END's place).
 */
export function placeNew(draft: Draft, near: string | null, avoid: readonly Point[] = []): Point {
  const graph = toGraph(draft);
  const boxes: Box[] = [
    ...draft.nodes.flatMap((n, i) =>
      isPlaced(n.position) ? [{ ...n.position, width: NODE_WIDTH, height: nodeHeight(graph.nodes[i]!) }] : [],
    ),
    ...avoid.map((p) => ({ ...p, width: END_BOX, height: END_BOX })),
  ];
  const placed = draft.nodes.filter((n) => isPlaced(n.position));
  if (!placed.length) return { x: 0, y: 0 };
  const i = draft.nodes.findIndex((n) => n.key === near && isPlaced(n.position));
  const anchor = i >= 0 ? boxes[placed.indexOf(draft.nodes[i]!)]! : null;
  const spot: Box = anchor
    ? { x: anchor.x, y: anchor.y + anchor.height + GAP, width: NODE_WIDTH, height: nodeHeight(EMPTY) }
    : {
        x: placed[0]!.position.x,
        y: Math.max(...placed.map((n) => n.position.y)) + 160,
        width: NODE_WIDTH,
        height: nodeHeight(EMPTY),
      };
  for (let hit = boxes.filter((b) => overlaps(spot, b)); hit.length; hit = boxes.filter((b) => overlaps(spot, b))) {
    spot.y = Math.max(...hit.map((b) => b.y + b.height)) + GAP;
  }
  return { x: Math.round(spot.x), y: Math.round(spot.y) };
}
