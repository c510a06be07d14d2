import { badRequest } from "@/lib/http/errors";
import { zodDetails, zodMessage } from "@/lib/http/respond";
import { graphSchema } from "./schemas";
import type { Graph } from "./types";

/**
 * A graph validated as a saved graph is: shape, served models and the graph
 * checks; 400 naming the field under `prefix` (e.g. `graph.edges.2.to`).
 */
export function parseGraph(raw: unknown, prefix = "graph"): Graph {
  const parsed = graphSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(zodMessage(parsed.error, prefix), zodDetails(parsed.error, prefix));
  return parsed.data;
}
