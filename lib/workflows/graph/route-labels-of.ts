import type { RouteGroup, RouteLabels } from "@/lib/models/route-labels";
import { edgesFrom, reachableFrom } from "./analysis";
import { END, type Graph } from "./types";

/**
 * What node `nodeId` routes on at its `visit`-th visit: its labelled edges
 * grouped by what they read (the answer text, or a typed field), each with
 * where it goes and whether that leads back to the node, plus the default
 * edge. Null for a node without labelled edges.
 */
export function routeLabelsOf(
  graph: Pick<Graph, "edges" | "maxVisitsPerNode">,
  nodeId: string,
  visit: number,
): RouteLabels | null {
  const out = edgesFrom(graph, nodeId);
  if (!out.some((e) => e.when !== undefined)) return null;
  const loops = (to: string) => to !== END && reachableFrom(graph, to).has(nodeId);
  const fallback = out.find((e) => e.when === undefined);
  const groups = new Map<string | null, RouteGroup>();
  for (const edge of out) {
    if (edge.when === undefined) continue;
    const field = typeof edge.when === "string" ? null : edge.when.field;
    const value = typeof edge.when === "string" ? edge.when : edge.when.equals;
    const group = groups.get(field) ?? { field, options: [] };
    group.options.push({ value, to: edge.to, loops: loops(edge.to) });
    groups.set(field, group);
  }
  if (fallback) {
    for (const group of groups.values())
      group.options.push({ value: null, to: fallback.to, loops: loops(fallback.to) });
  }
  return { groups: [...groups.values()], visit, maxVisits: graph.maxVisitsPerNode };
}
