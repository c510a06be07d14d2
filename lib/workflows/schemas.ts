import { z } from "zod";
import { paginationQueryShape } from "@/lib/http/pagination";
import { MAX_SYSTEM_PROMPT_CHARS, modelIdSchema, modelSchema } from "./model-schema";
import { toolCredentialsSchema, toolsSchema } from "@/lib/tools/tool-names";
import { storedSystemPromptSchema, systemPromptSchema } from "./system-prompt-schema";
import { workflowStatusSchema } from "./response-schemas";
import { chainSugarSchema, graphSchema, parallelSugarSchema, routeSugarSchema } from "./graph/schemas";
import { responseToneSchema, TONE_PRESETS } from "@/lib/graph/tone";

/** Model a workflow uses when none is given. */
export const DEFAULT_MODEL = "claude-sonnet-4-6";
export const MAX_WORKFLOWS_PER_WORKSPACE = 500;
export const MAX_CREW_SIZE = 10;
export { MAX_SYSTEM_PROMPT_CHARS, modelIdSchema, modelSchema };

export const agentSchema = z
  .object({
    role: z
      .string()
      .trim()
      .min(1, "Role is required")
      .max(60, "Use at most 60 characters")
      .describe("Label of the step, e.g. planner, writer, reviewer."),
    systemPrompt: systemPromptSchema,
    model: modelSchema.optional().describe("Overrides the workflow's default model for this agent."),
    tools: toolsSchema.optional(),
    credentials: toolCredentialsSchema.optional(),
    responseTone: responseToneSchema.optional().describe("This agent's tone; without one it takes the crew's."),
  })
  .meta({ id: "CrewAgent" });
export type AgentInput = z.infer<typeof agentSchema>;

export const crewSchema = z
  .array(agentSchema)
  .min(1, "A crew needs at least 1 agent")
  .max(MAX_CREW_SIZE, `A crew has at most ${MAX_CREW_SIZE} agents`)
  .describe("Agents run top to bottom; each later agent sees the input and the prior agents' output.");
export type Crew = z.infer<typeof crewSchema>;

/**
 * A crew as stored in a version: the same shape without the save-time check of
 * who serves each model, so a version saved before an API key was set still
 * reads (its runs fail with the reason instead).
 */
export const storedCrewSchema = z.array(
  agentSchema.extend({ model: modelIdSchema.optional(), systemPrompt: storedSystemPromptSchema }),
);

const nameSchema = z.string().trim().min(1, "Name is required").max(100, "Use at most 100 characters");
const descriptionSchema = z.string().trim().max(2000, "Use at most 2000 characters");
export { workflowStatusSchema };

/** A crew's response tone, inherited by its agents without their own. */
const crewToneSchema = responseToneSchema
  .optional()
  .describe(
    `The crew's response tone (${TONE_PRESETS.join(", ")}, or free text), inherited by agents without their own.`,
  );

export const createWorkflowSchema = z
  .object({
    name: nameSchema,
    description: descriptionSchema.nullish(),
    model: modelSchema.default(DEFAULT_MODEL),
    status: workflowStatusSchema.default("active"),
    crew: crewSchema
      .optional()
      .describe("Omit (and every other shape) for the default crew: a planner, then a writer."),
    graph: graphSchema.optional().describe("An explicit graph: nodes, edges, start and caps."),
    chain: chainSugarSchema.optional(),
    route: routeSugarSchema.optional(),
    parallel: parallelSugarSchema.optional(),
    responseTone: crewToneSchema,
  })
  .refine(
    (v) => [v.crew, v.graph, v.chain, v.route, v.parallel].filter((x) => x !== undefined).length <= 1,
    "Send only one of crew, graph, chain, route, parallel",
  )
  .refine(
    (v) => v.responseTone === undefined || [v.graph, v.chain, v.route, v.parallel].every((x) => x === undefined),
    {
      message: "A graph's tone is graph.responseTone; this one is a crew's",
      path: ["responseTone"],
    },
  )
  .meta({ id: "CreateWorkflow" });
export type CreateWorkflowInput = z.infer<typeof createWorkflowSchema>;

export const updateWorkflowSchema = z
  .object({
    name: nameSchema.optional(),
    description: descriptionSchema.nullish(),
    model: modelSchema.optional(),
    status: workflowStatusSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Send at least one of name, description, model, status")
  .meta({ id: "UpdateWorkflow" });
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowSchema>;

export const replaceCrewSchema = z
  .object({
    crew: crewSchema,
    note: z.string().trim().max(500, "Use at most 500 characters").optional().describe("Why the crew changed."),
    responseTone: crewToneSchema,
  })
  .meta({ id: "ReplaceCrew" });
export type ReplaceCrewInput = z.infer<typeof replaceCrewSchema>;

export const replaceGraphSchema = z
  .object({
    graph: graphSchema,
    note: z.string().trim().max(500, "Use at most 500 characters").optional().describe("Why the graph changed."),
  })
  .meta({ id: "ReplaceGraph" });
export type ReplaceGraphInput = z.infer<typeof replaceGraphSchema>;

export const diagramQuerySchema = z.object({
  format: z.enum(["mermaid", "dot"]).default("mermaid").describe("mermaid (default) or dot."),
});

export const listWorkflowsQuerySchema = z.object({
  ...paginationQueryShape,
  status: workflowStatusSchema.optional().describe("Only workflows with this status."),
});
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuerySchema>;

export const listVersionsQuerySchema = z.object(paginationQueryShape);
