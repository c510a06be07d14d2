import { edgesFrom } from "./analysis";
import { END, type EdgeCondition, type Graph } from "./types";

/** The local model's note before a simulated label ("[simulated <model>: chose …] billing"): not part of the answer. */
const SIMULATED = /^\s*\[simulated [^\]]*\]/;

/** A typed field's value; a dotted name ("data.priority", on an approval's answer) reads inside objects. */
function fieldValue(data: Record<string, unknown> | undefined, field: string): unknown {
  if (!data) return undefined;
  if (Object.hasOwn(data, field)) return data[field];
  let value: unknown = data;
  for (const key of field.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function matches(when: EdgeCondition, output: string, data: Record<string, unknown> | undefined): boolean {
  if (typeof when === "string") {
    return when.trim().toLowerCase() === output.replace(SIMULATED, "").trim().toLowerCase();
  }
  const value = fieldValue(data, when.field);
  if (typeof value === "string" && typeof when.equals === "string") {
    return value.trim().toLowerCase() === when.equals.trim().toLowerCase();
  }
  return value === when.equals;
}

function clip(text: string, n: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/**
 * Where a visit of `nodeId` leads, a pure function of its answer: the first
 * `when` edge its output (trimmed, case-insensitive, after the local model's
 * "[simulated …]" note) or typed field matches,
 * else its default edge; with no `when` edges, every edge (several fan out in
 * parallel). No match and no default is an error naming the node and its output.
 */
export function nextNodes(
  graph: Pick<Graph, "edges">,
  nodeId: string,
  output: string,
  data?: Record<string, unknown>,
): { targets: string[] } | { error: string } {
  const out = edgesFrom(graph, nodeId);
  if (out.length === 0) return { targets: [END] };
  const conditional = out.filter((e) => e.when !== undefined);
  if (conditional.length === 0) return { targets: out.map((e) => e.to) };
  const match = conditional.find((e) => matches(e.when!, output, data));
  if (match) return { targets: [match.to] };
  const fallback = out.find((e) => e.when === undefined);
  if (fallback) return { targets: [fallback.to] };
  return {
    error: `Node "${nodeId}" answered "${clip(output, 200)}", which matches none of its edges, and it has no default edge`,
  };
}
