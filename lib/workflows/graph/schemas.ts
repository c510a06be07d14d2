import { z } from "zod";
import { checkedGraphSchema } from "@/lib/graph/checked-graph-schema";
import { nodeShape } from "@/lib/graph/schemas";
import { MAX_GRAPH_NODES } from "@/lib/graph/limits";
import { nodeIdSchema } from "@/lib/graph/names";
import { modelSchema } from "../model-schema";

/*
 * The API's graph schemas: the pure graph module's shapes and rules (lib/graph), with
 * the server's check of who serves each model applied on top.
 */

export { enumValues } from "@/lib/graph/output-types";
export { checkGraph } from "@/lib/graph/check-graph";
export { budgetSchema, MAX_BUDGET_MINUTES, MAX_BUDGET_USD } from "@/lib/graph/budget";
export { graphTriggerSchema } from "@/lib/graph/trigger";
export { graphEdgeSchema, graphWithModelRefsSchema, storedGraphSchema } from "@/lib/graph/schemas";
export {
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_VISITS_PER_NODE,
  MAX_GRAPH_EDGES,
  MAX_GRAPH_NODES,
  MAX_MAX_STEPS,
} from "@/lib/graph/limits";

export const graphNodeSchema = z.object(nodeShape(modelSchema)).meta({ id: "GraphNode" });

/** A graph as sent to be saved: shape, model availability and the graph checks. */
export const graphSchema = checkedGraphSchema(modelSchema).meta({ id: "Graph" });

/** A node in sugar: its id may be left out (it is derived). */
export const sugarNodeSchema = z.object({ ...nodeShape(modelSchema), id: nodeIdSchema.optional() }).meta({
  id: "SugarNode",
});

export const chainSugarSchema = z
  .array(sugarNodeSchema)
  .min(1, "A chain needs at least 1 node")
  .max(MAX_GRAPH_NODES)
  .describe("Nodes run in order, each seeing the input and the outputs before it (a crew).");

export const routeSugarSchema = z
  .object({
    classifier: sugarNodeSchema,
    branches: z
      .record(z.string().trim().min(1), sugarNodeSchema)
      .refine((b) => Object.keys(b).length > 0, "Give at least one branch"),
  })
  .describe("The classifier's answer picks the branch with that key.");

export const parallelSugarSchema = z
  .object({
    branches: z
      .array(sugarNodeSchema)
      .min(1)
      .max(MAX_GRAPH_NODES - 1),
    merge: sugarNodeSchema,
  })
  .describe("Branches run in parallel; merge receives each branch's output.");
