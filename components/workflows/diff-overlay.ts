/** A version diff drawn on one diagram: the newer graph plus what was removed, each marked. */
import type { GraphDiff } from "@/lib/workflows/graph/diff-graphs";
import type { Graph, GraphEdge } from "@/lib/queries/workflow-types";
import { overlayEdgeKey, type DiagramOverlay, type EdgeOverlay, type NodeOverlay } from "./diagram-overlay";
import { edgeLabel } from "./edge-label";

/** How a `when` reads in a sentence: `“billing”`, `team = "tech"`, or `always` for none. */
export function conditionText(edge: GraphEdge | { when: GraphEdge["when"] }): string {
  return edgeLabel({ from: "", to: "", when: edge.when }, []) ?? "always";
}

export function diffDiagram(before: Graph, after: Graph, diff: GraphDiff): { graph: Graph; overlay: DiagramOverlay } {
  const removedNodes = before.nodes.filter((n) => diff.nodes.removed.includes(n.id));
  const graph: Graph = {
    ...after,
    nodes: [...after.nodes, ...removedNodes],
    edges: [...after.edges, ...diff.edges.removed],
  };
  const nodes = new Map<string, NodeOverlay>();
  for (const id of diff.nodes.added) nodes.set(id, { tone: "added", badges: ["+ added"], describe: "added" });
  for (const id of diff.nodes.removed) nodes.set(id, { tone: "removed", badges: ["− removed"], describe: "removed" });
  for (const { id, fields } of diff.nodes.changed) {
    nodes.set(id, { tone: "changed", badges: [`~ ${fields.join(", ")}`], describe: `changed: ${fields.join(", ")}` });
  }
  for (const id of diff.nodes.moved) nodes.set(id, { tone: "moved", badges: ["moved"], describe: "moved only" });
  const edges = new Map<string, EdgeOverlay>();
  for (const e of diff.edges.added)
    edges.set(overlayEdgeKey(e.from, e.to), { tone: "added", label: "+", describe: "added" });
  for (const e of diff.edges.removed) {
    edges.set(overlayEdgeKey(e.from, e.to), { tone: "removed", label: "−", describe: "removed" });
  }
  for (const e of diff.edges.changed) {
    edges.set(overlayEdgeKey(e.from, e.to), {
      tone: "changed",
      label: `was ${conditionText({ when: e.before })}`,
      describe: `condition changed from ${conditionText({ when: e.before })}`,
    });
  }
  return { graph, overlay: { nodes, edges } };
}
