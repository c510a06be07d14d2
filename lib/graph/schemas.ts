import { z } from "zod";
import { toolCredentialsSchema, toolsSchema } from "@/lib/tools/tool-names";
import { approvalNodeFields } from "./approval-schema";
import { budgetSchema } from "./budget";
import {
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_VISITS_PER_NODE,
  MAX_GRAPH_EDGES,
  MAX_GRAPH_NODES,
  MAX_MAX_STEPS,
} from "./limits";
import { modelFieldSchema, modelIdSchema, modelRefResponseSchema } from "./model-ref";
import {
  eventNameSchema,
  FIELD_NAME_MESSAGE,
  MAX_NODE_SKILLS,
  nodeIdSchema,
  outputFieldNameSchema,
  SANDBOX_NAME,
  SKILL_NAME,
  SKILL_NAME_MESSAGE,
} from "./names";
import { outputTypeSchema } from "./output-types";
import { storedSystemPromptSchema, systemPromptSchema } from "./system-prompt";
import { memoryModeSchema } from "./memory-mode";
import { responseToneSchema } from "./tone";
import { graphTriggerSchema } from "./trigger";

/*
 * Pure: the graph language's shapes and rules, with no environment and no server
 * imports, so the API, the command line's compiler and the editor judge a graph alike.
 * The API adds one server-side check on top: which provider serves each model.
 */

/** A node's fields; `model` and `prompt` are the parts the API checks further or a stored graph checks less. */
export function nodeShape<M extends z.ZodType>(model: M, prompt: z.ZodType<string> = systemPromptSchema) {
  return {
    id: nodeIdSchema,
    ...approvalNodeFields,
    role: z.string().trim().min(1, "Role is required").max(60, "Use at most 60 characters"),
    systemPrompt: prompt,
    model: model.optional().describe("Overrides the workflow's default model for this node."),
    output: z
      .record(outputFieldNameSchema, outputTypeSchema, {
        // A bad key's own message, not zod's "Invalid key in record".
        error: (issue) => (issue.code === "invalid_key" ? FIELD_NAME_MESSAGE : undefined),
      })
      .refine((o) => Object.keys(o).length > 0 && Object.keys(o).length <= 20, "Declare 1 to 20 fields")
      .optional()
      .describe("Typed output fields; the node answers JSON matching them."),
    join: z.literal("all").optional().describe("Wait for every parallel branch that reaches this node."),
    tools: toolsSchema.optional(),
    credentials: toolCredentialsSchema.optional(),
    skills: z
      .array(z.string().regex(SKILL_NAME, SKILL_NAME_MESSAGE))
      .max(MAX_NODE_SKILLS, `List at most ${MAX_NODE_SKILLS} skills`)
      .refine((names) => new Set(names).size === names.length, "Each skill may be listed once")
      .optional()
      .describe(
        "Skills of the project the node may load with its load_skill tool; their descriptions are in its context.",
      ),
    sandbox: z
      .string()
      .regex(SANDBOX_NAME, "Use a sandbox name of letters, digits, _ and -")
      .optional()
      .describe(
        "The project sandbox the node's code runs in; the run fails before the node when no provider is configured.",
      ),
    runtime: z
      .enum(["claude-code"])
      .optional()
      .describe(
        "claude-code: the Claude Agent SDK inside the node's sandbox; without a sandbox provider, the node's Anthropic model with its tools.",
      ),
    emits: eventNameSchema.optional().describe("Emits the node's typed output as this event when it completes."),
    budget: budgetSchema.optional().describe("Checked at every step boundary while this node runs."),
    responseTone: responseToneSchema.optional().describe("This node's tone; without one it takes the graph's."),
    memory: memoryModeSchema.optional(),
    position: z
      .object({ x: z.number().finite().min(-1e6).max(1e6), y: z.number().finite().min(-1e6).max(1e6) })
      .strict()
      .optional()
      .describe("Where the editor drew the node; left out, the node is laid out automatically."),
  };
}

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

/** A graph's fields, its nodes built by nodeShape. */
export function graphShape<M extends z.ZodType>(model: M, prompt: z.ZodType<string> = systemPromptSchema) {
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
    responseTone: responseToneSchema
      .optional()
      .describe(
        "How every node answers unless it sets its own: a preset (neutral, executive, technical, friendly, concise, formal, teaching) or free text.",
      ),
  };
}

/** A graph as stored in a version: the same shape, no save-time model or prompt checks. */
export const storedGraphSchema = z.object(graphShape(modelIdSchema, storedSystemPromptSchema));

/** Each field's shape alone (no graph rules), for the editor, which applies checkGraph itself as you type. */
export const graphShapeSchema = z.object(graphShape(modelFieldSchema()));

/** A graph as responses show it: each node's model as the object. */
export const graphWithModelRefsSchema = z.object(graphShape(modelRefResponseSchema, storedSystemPromptSchema));
