import type { GraphEdge } from "@/lib/queries/workflow-types";

/** An edge's label: the output it matches, `field = value` for a typed source, `default` beside conditional siblings. */
export function edgeLabel(edge: GraphEdge, siblings: readonly GraphEdge[]): string | undefined {
  const { when } = edge;
  if (typeof when === "string") return `“${when}”`;
  if (when) return `${when.field} = ${JSON.stringify(when.equals)}`;
  return siblings.some((e) => e.when !== undefined) ? "default" : undefined;
}
