import { storedGraphSchema } from "./schemas";
import type { Graph } from "./types";

/** A graph as stored in a version's JSON column; null for a crew version. */
export function storedGraph(json: unknown): Graph | null {
  if (json === null || json === undefined) return null;
  return storedGraphSchema.parse(json);
}
