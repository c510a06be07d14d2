import { z } from "zod";
import { addGraphIssues } from "./check-graph";
import { modelFieldSchema } from "./model-ref";
import { graphShape } from "./schemas";

/* The graph's shapes (schemas.ts) with every graph rule (checkGraph) on top, as zod schemas for the places that parse. */

/** A graph to be saved: the shape with `model` checked by the given schema, then every graph rule (checkGraph). */
export function checkedGraphSchema<M extends z.ZodType<string, unknown>>(model: M) {
  return z.object(graphShape(model)).superRefine((graph, ctx) => addGraphIssues(graph, ctx));
}

/**
 * A graph as the API saves it, less the server's check of who serves each model:
 * what the compiler and the editor apply.
 */
export const graphSchema = checkedGraphSchema(modelFieldSchema());
