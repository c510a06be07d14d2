import { z } from "zod";
import { paginationQueryShape } from "@/lib/http/pagination";
import { toModelRef, type ModelRef } from "@/lib/models/model-ref";
import { simulateDirectiveProblem } from "@/lib/models/simulate-limits";
import { modelInputSchema, modelProblems } from "@/lib/workflows/model-schema";
import {
  AGENT_CAPABILITIES,
  LOCAL_RUNNER_CAPABILITIES,
  localRunnerMessage,
  MAX_AGENT_WORKFLOWS,
  MAX_GOAL_CHARS,
  MAX_SCHEDULE_PREVIEW,
} from "./constants";
import { isModelTooSmall, modelRefusalMessage } from "./model-policy";
import { scheduleSchema } from "./schedule-schema";

export { scheduleSchema } from "./schedule-schema";
export type { Schedule, ScheduleInput } from "./schedule-schema";

/** The model object or its shorthand; too-small models (seed 003's table) are refused for reflection. */
const modelSchema = modelInputSchema((value) => {
  if (typeof value === "object" && value.provider === "claude-code") return modelProblems(value);
  const ref = toModelRef(value as string | ModelRef);
  if (isModelTooSmall(ref.model)) return [modelRefusalMessage(ref.model, ref.provider)];
  return modelProblems(value, (m) => !isModelTooSmall(m));
});

const workflowIdsSchema = z
  .array(z.string().min(1).max(64))
  .min(1, "Choose at least one workflow")
  .max(MAX_AGENT_WORKFLOWS, `At most ${MAX_AGENT_WORKFLOWS} workflows`)
  .refine((ids) => new Set(ids).size === ids.length, "Each workflow may be listed once");

const capabilitySchema = z
  .enum(AGENT_CAPABILITIES, { message: `Use one of ${AGENT_CAPABILITIES.join(", ")}` })
  .superRefine((value, ctx) => {
    if ((LOCAL_RUNNER_CAPABILITIES as readonly string[]).includes(value)) {
      ctx.addIssue({ code: "custom", message: localRunnerMessage(value) });
    }
  });

const capabilitiesSchema = z
  .array(capabilitySchema)
  .max(AGENT_CAPABILITIES.length)
  .transform((caps) => [...new Set(caps)]);

const agentFields = {
  name: z.string().trim().min(1, "Name is required").max(80, "Use at most 80 characters"),
  role: z.string().trim().min(1, "Role is required").max(80, "Use at most 80 characters"),
  description: z.string().trim().max(1000, "Use at most 1000 characters"),
  goal: z
    .string()
    .trim()
    .min(1, "Say what success looks like")
    .max(MAX_GOAL_CHARS, `Use at most ${MAX_GOAL_CHARS} characters`)
    .superRefine((goal, ctx) => {
      const problem = simulateDirectiveProblem(goal);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  workflowIds: workflowIdsSchema,
  model: modelSchema,
  capabilities: capabilitiesSchema,
  schedule: scheduleSchema,
  patchMode: z
    .enum(["apply", "propose"], { message: "Use apply or propose" })
    .describe(
      'What a reflection\'s modify verdict does: "apply" saves the patch as the new version at once; ' +
        '"propose" stores it as a proposal an admin approves or rejects.',
    ),
};

export const createAgentSchema = z.object({
  ...agentFields,
  description: agentFields.description.default(""),
  capabilities: agentFields.capabilities.default([]),
  patchMode: agentFields.patchMode.default("apply"),
  schedule: agentFields.schedule.default({ type: "manual", timezone: "UTC" }),
});
export type CreateAgentInput = z.output<typeof createAgentSchema>;
export type CreateAgentBody = z.input<typeof createAgentSchema>;

export const updateAgentSchema = z
  .object(agentFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change");
export type UpdateAgentInput = z.output<typeof updateAgentSchema>;

export const scheduleQuerySchema = z.object({
  count: z.coerce.number().int().min(1).max(MAX_SCHEDULE_PREVIEW).default(5),
});

export const listQuerySchema = z.object(paginationQueryShape);
