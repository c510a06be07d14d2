import type { z } from "zod";
import type { chainSugarSchema, parallelSugarSchema, routeSugarSchema, sugarNodeSchema } from "./schemas";
import { END, type GraphEdge, type GraphNode } from "./types";

type SugarNode = z.infer<typeof sugarNodeSchema>;

export interface Sugar {
  chain?: z.infer<typeof chainSugarSchema>;
  route?: z.infer<typeof routeSugarSchema>;
  parallel?: z.infer<typeof parallelSugarSchema>;
}

/** The graph a sugar form stands for, before its checks (caps are left to their defaults). */
export interface ExpandedGraph {
  start: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function slug(text: string, fallback: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 40);
  return s && s !== "input" ? s : fallback;
}

function node(n: SugarNode, id: string): GraphNode {
  const { id: _given, ...rest } = n;
  return { id: n.id ?? id, ...rest } as GraphNode;
}

/**
 * Expands `chain`, `route` or `parallel` to a graph: a chain runs its nodes in
 * order (ids node-1 …); a route's classifier (id classify) picks the branch
 * whose key equals its answer (ids from the keys); parallel branches (ids
 * branch-1 …) fan out from a dispatcher (id fan-out, which restates the
 * request) and meet in merge (id merge, join all).
 */
export function expandSugar(sugar: Sugar): ExpandedGraph | null {
  if (sugar.chain) {
    const nodes = sugar.chain.map((n, i) => node(n, `node-${i + 1}`));
    const edges = nodes.map((n, i) => ({ from: n.id, to: nodes[i + 1]?.id ?? END }));
    return { start: nodes[0]!.id, nodes, edges };
  }
  if (sugar.route) {
    const classifier = node(sugar.route.classifier, "classify");
    const branches = Object.entries(sugar.route.branches).map(([when, n], i) => ({
      when,
      node: node(n, slug(when, `branch-${i + 1}`)),
    }));
    return {
      start: classifier.id,
      nodes: [classifier, ...branches.map((b) => b.node)],
      edges: [
        ...branches.map((b) => ({ from: classifier.id, to: b.node.id, when: b.when })),
        ...branches.map((b) => ({ from: b.node.id, to: END })),
      ],
    };
  }
  if (sugar.parallel) {
    const branches = sugar.parallel.branches.map((n, i) => node(n, `branch-${i + 1}`));
    const merge: GraphNode = { ...node(sugar.parallel.merge, "merge"), join: "all" };
    // A graph has one start: the branches leave together from a dispatcher.
    const fan: GraphNode = {
      id: "fan-out",
      role: "dispatcher",
      systemPrompt: "Restate the request in one line for the parallel branches.",
    };
    return {
      start: fan.id,
      nodes: [fan, ...branches, merge],
      edges: [
        ...branches.map((b) => ({ from: fan.id, to: b.id })),
        ...branches.map((b) => ({ from: b.id, to: merge.id })),
        { from: merge.id, to: END },
      ],
    };
  }
  return null;
}
