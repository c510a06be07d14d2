import { END, type Graph, type GraphEdge } from "./types";

/** Edges leaving `node`, in the order they were declared. */
export function edgesFrom(graph: Pick<Graph, "edges">, node: string): GraphEdge[] {
  return graph.edges.filter((e) => e.from === node);
}

/** Nodes reachable from `from` (itself included), following every edge. */
export function reachableFrom(graph: Pick<Graph, "edges">, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift()!;
    for (const e of edgesFrom(graph, node)) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return seen;
}

/** True when `from` can reach END by some path. */
export function reachesEnd(graph: Pick<Graph, "edges">, from: string): boolean {
  return reachableFrom(graph, from).has(END);
}

/**
 * For each node, the nodes certain to have completed before it first runs:
 * those on every path from the start (its dominators), and for a `join: "all"`
 * node whose incoming edges are all unconditional, whatever is certain before
 * any of them (the join waits for every branch of the fan-out).
 */
export function guaranteedBefore(graph: Graph): Map<string, Set<string>> {
  const ids = graph.nodes.map((n) => n.id);
  const preds = new Map(ids.map((id) => [id, graph.edges.filter((e) => e.to === id)]));
  const all = new Set(ids);
  const before = new Map<string, Set<string>>(ids.map((id) => [id, id === graph.start ? new Set() : new Set(all)]));
  for (let changed = true; changed;) {
    changed = false;
    for (const node of graph.nodes) {
      if (node.id === graph.start) continue;
      const incoming = (preds.get(node.id) ?? []).filter((e) => e.from !== node.id);
      const sets = incoming.map((e) => new Set([...before.get(e.from)!, e.from]));
      const union = node.join === "all" && incoming.every((e) => e.when === undefined);
      let next: Set<string>;
      if (sets.length === 0) next = new Set();
      else if (union) next = new Set(sets.flatMap((s) => [...s]));
      else next = new Set([...sets[0]!].filter((id) => sets.every((s) => s.has(id))));
      next.delete(node.id);
      const prev = before.get(node.id)!;
      if (next.size !== prev.size || [...next].some((id) => !prev.has(id))) {
        before.set(node.id, next);
        changed = true;
      }
    }
  }
  return before;
}

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The templates of a prompt: `{{ input }}`, `{{ node.output }}`, `{{ node.field }}`. */
export function templatesOf(prompt: string): { text: string; ref: string }[] {
  return [...prompt.matchAll(TEMPLATE)].map((m) => ({ text: m[0], ref: m[1]! }));
}

/** The prompt with each template replaced by `value(ref)`. */
export function renderTemplates(prompt: string, value: (ref: string) => string): string {
  return prompt.replace(TEMPLATE, (_, ref: string) => value(ref));
}
