import { z } from "zod";
import { toolCredentialsSchema, toolsSchema } from "@/lib/tools/tool-names";
import { cronProblem, isValidTimeZone } from "@/lib/agents/schedule-schema";
import { modelIdSchema, modelRefResponseSchema, modelSchema } from "../model-schema";
import { checkGraph } from "./check-graph";
import {
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_VISITS_PER_NODE,
  MAX_GRAPH_EDGES,
  MAX_GRAPH_NODES,
  MAX_MAX_STEPS,
} from "./limits";
import { eventNameSchema } from "@/lib/events/field-types";
import { outputTypeSchema } from "./output-types";
import { storedSystemPromptSchema, systemPromptSchema } from "../system-prompt-schema";
import type { Graph } from "./types";

export { enumValues } from "./output-types";
export { checkGraph } from "./check-graph";

export {
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_VISITS_PER_NODE,
  MAX_GRAPH_EDGES,
  MAX_GRAPH_NODES,
  MAX_MAX_STEPS,
} from "./limits";

const SLUG = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const FIELD = /^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/;
const nodeIdSchema = z
  .string()
  .regex(SLUG, "Use a slug: lowercase letters, digits, - and _, at most 40 characters")
  .refine((id) => id !== "input", '"input" is reserved for {{ input }}')
  .refine((id) => id !== "event", '"event" is reserved for {{ event.<field> }}');

/** The longest wall-clock budget: one week, in minutes. */
export const MAX_BUDGET_MINUTES = 10_080;
export const MAX_BUDGET_USD = 10_000;

export const budgetSchema = z
  .object({
    wall_clock: z
      .number({ message: "Give wall_clock in minutes" })
      .positive("Use more than 0 minutes")
      .max(MAX_BUDGET_MINUTES, `At most ${MAX_BUDGET_MINUTES} minutes (one week)`)
      .optional()
      .describe("Minutes from the run's start (fractions allowed)."),
    spend: z
      .object({
        usd: z
          .number({ message: "Give spend.usd in US dollars" })
          .positive("Use more than 0")
          .max(MAX_BUDGET_USD, `At most ${MAX_BUDGET_USD} USD`),
      })
      .strict()
      .optional()
      .describe("Model cost in US dollars."),
  })
  .strict()
  .refine((b) => b.wall_clock !== undefined || b.spend !== undefined, "Set wall_clock, spend.usd or both")
  .meta({ id: "Budget" });

const timezoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, "Unknown time zone; use an IANA name like Europe/Berlin");

export const graphTriggerSchema = z
  .union([
    z.object({ event: eventNameSchema }).strict(),
    z
      .object({
        cron: z
          .string()
          .trim()
          .min(1)
          .max(120)
          .superRefine((value, ctx) => {
            const problem = cronProblem(value);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
          }),
        timezone: timezoneSchema.default("UTC"),
      })
      .strict(),
  ])
  .describe("Starts a run when the named event is emitted, or on a cron schedule (besides run requests).")
  .meta({ id: "GraphTrigger" });

function nodeShape<M extends z.ZodType>(model: M, prompt: z.ZodType<string> = systemPromptSchema) {
  return {
    id: nodeIdSchema,
    role: z.string().trim().min(1, "Role is required").max(60, "Use at most 60 characters"),
    systemPrompt: prompt,
    model: model.optional().describe("Overrides the workflow's default model for this node."),
    output: z
      .record(z.string().regex(FIELD, "Use a field name of letters, digits and _"), outputTypeSchema)
      .refine((o) => Object.keys(o).length > 0 && Object.keys(o).length <= 20, "Declare 1 to 20 fields")
      .optional()
      .describe("Typed output fields; the node answers JSON matching them."),
    join: z.literal("all").optional().describe("Wait for every parallel branch that reaches this node."),
    tools: toolsSchema.optional(),
    credentials: toolCredentialsSchema.optional(),
    emits: eventNameSchema.optional().describe("Emits the node's typed output as this event when it completes."),
    budget: budgetSchema.optional().describe("Checked at every step boundary while this node runs."),
    position: z
      .object({ x: z.number().finite().min(-1e6).max(1e6), y: z.number().finite().min(-1e6).max(1e6) })
      .strict()
      .optional()
      .describe("Where the editor drew the node; left out, the node is laid out automatically."),
  };
}

export const graphNodeSchema = z.object(nodeShape(modelSchema)).meta({ id: "GraphNode" });

export const graphEdgeSchema = z
  .object({
    from: z.string().min(1, "From is required"),
    to: z.string().min(1, "To is required").describe('A node id or "END".'),
    when: z
      .union([
        z.string().trim().min(1, "When is required").max(200),
        z.object({ field: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean()]) }),
      ])
      .optional()
      .describe("Taken when the source's output (trimmed, case-insensitive) equals it, or its typed field does."),
  })
  .meta({ id: "GraphEdge" });

function graphShape<M extends z.ZodType>(model: M, prompt: z.ZodType<string> = systemPromptSchema) {
  return {
    start: z.string().min(1, "Start is required").describe("Id of the first node."),
    nodes: z
      .array(z.object(nodeShape(model, prompt)))
      .min(1, "A graph needs at least 1 node")
      .max(MAX_GRAPH_NODES, `A graph has at most ${MAX_GRAPH_NODES} nodes`),
    edges: z.array(graphEdgeSchema).max(MAX_GRAPH_EDGES, `A graph has at most ${MAX_GRAPH_EDGES} edges`),
    maxSteps: z
      .number()
      .int()
      .min(1)
      .max(MAX_MAX_STEPS, `At most ${MAX_MAX_STEPS}`)
      .default(DEFAULT_MAX_STEPS)
      .describe("Node visits per run; hitting it fails the run."),
    maxVisitsPerNode: z
      .number()
      .int()
      .min(1)
      .max(MAX_MAX_STEPS)
      .default(DEFAULT_MAX_VISITS_PER_NODE)
      .describe("Visits of any one node per run; hitting it fails the run."),
    trigger: graphTriggerSchema.optional(),
    budget: budgetSchema.optional().describe("Checked at every step boundary of every run."),
  };
}

/** A graph as sent to be saved: shape, model availability and the graph checks. */
export const graphSchema = z
  .object(graphShape(modelSchema))
  .superRefine((g, ctx) => checkGraph(g as Graph, ctx))
  .meta({ id: "Graph" });

/** A graph as stored in a version: the same shape, no save-time model check. */
export const storedGraphSchema = z.object(graphShape(modelIdSchema, storedSystemPromptSchema));

/** A graph as responses show it: each node's model as the object. */
export const graphWithModelRefsSchema = z.object(graphShape(modelRefResponseSchema, storedSystemPromptSchema));

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
