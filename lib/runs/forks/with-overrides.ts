import type { Graph } from "@/lib/graph/types";
import type { NodeOverrides } from "./fork-schemas";

/** The graph with a fork's overrides applied to its nodes. */
export function withOverrides(graph: Graph, overrides: NodeOverrides | null | undefined): Graph {
  if (!overrides) return graph;
  return { ...graph, nodes: graph.nodes.map((n) => (overrides[n.id] ? { ...n, ...overrides[n.id] } : n)) };
}
