/** Marks laid over a graph diagram: a version diff's or a run's. Colour always comes with a word or sign. */

export type NodeTone = "added" | "removed" | "changed" | "moved" | "visited" | "running" | "failed" | "unvisited";
export type EdgeTone = "added" | "removed" | "changed" | "taken" | "untaken";

export interface NodeOverlay {
  tone: NodeTone;
  /** Short labels drawn on the node, e.g. "+ added", "×2". */
  badges: string[];
  /** Read after the node's name by screen readers. */
  describe: string;
}

export interface EdgeOverlay {
  tone: EdgeTone;
  /** Added to the edge's label, e.g. "#2, #5". */
  label?: string;
  describe: string;
}

export interface DiagramOverlay {
  nodes: Map<string, NodeOverlay>;
  /** Keyed by edgeKey(from, to). */
  edges: Map<string, EdgeOverlay>;
  selected?: string | null;
  /** Set when nodes can be chosen (click, or Enter / Space on a focused node). */
  onSelect?: (id: string) => void;
}

export const overlayEdgeKey = (from: string, to: string) => `${from}\u0000${to}`;
