import { z } from "zod";
import { modelRefResponseSchema } from "@/lib/graph/model-ref";
import { graphResponseSchema } from "@/lib/workflows/response-schemas";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { AGENT_CAPABILITIES } from "./constants";
import { scheduleSchema } from "./schedule-schema";

/** Response shapes of /api/v1/agents, for the OpenAPI document; no server code, the browser reads its types from here. */

const status = z.enum(["idle", "running", "failed", "paused"]);
const crewMember = z.object({ role: z.string(), systemPrompt: z.string(), model: modelRefResponseSchema.optional() });

export const agentResponseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    description: z.string(),
    goal: z.string(),
    model: modelRefResponseSchema,
    capabilities: z.array(z.enum(AGENT_CAPABILITIES)),
    patchMode: z
      .enum(["apply", "propose"])
      .describe("\"propose\": a reflection's patch waits for an admin's decision instead of being applied."),
    status,
    schedule: scheduleSchema,
    timezone: z.string(),
    nextRunAt: dateTimeSchema.nullable().describe("When the next scheduled tick is due; null for manual or paused."),
    lastRunAt: dateTimeSchema.nullable(),
    workflowIds: z.array(z.string()),
    workflows: z.array(
      z.object({ id: z.string(), name: z.string(), status: z.string(), currentVersion: z.number().int() }),
    ),
    createdBy: z.enum(["user", "assistant", "loopi"]),
    createdById: z.string().nullable(),
    parentAgentId: z.string().nullable().describe("The agent that proposed this one, when one did."),
    chatId: z.string().nullable().describe("The Loopi chat the agent was created from; null otherwise."),
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  })
  .meta({ id: "Agent" });

const versionRef = z.object({
  id: z.string(),
  version: z.number().int(),
  source: z.string(),
  crew: z.array(crewMember).nullable().describe("Null for a graph workflow's version."),
  graph: graphResponseSchema.optional().describe("A graph workflow's version: its graph."),
});

export const reflectionResponseSchema = z
  .object({
    id: z.string(),
    tickId: z.string().nullable(),
    workflowId: z.string().nullable(),
    verdict: z.enum(["ok", "modify", "fail"]),
    reason: z.string(),
    patch: z
      .unknown()
      .describe("For modify: the complete new crew, `{ agents: [...] }`, or graph, `{ nodes, edges, start?, … }`."),
    rolledBack: z.boolean().describe("Saving the patch failed and the previous version was kept."),
    proposal: z
      .enum(["open", "approved", "rejected", "expired"])
      .nullable()
      .describe(
        "An agent in propose mode: the patch waits (open) for an admin, who approves it (it becomes the new version) " +
          "or rejects it; expired when the workflow changed under it. Null when the patch was applied at once.",
      ),
    decidedAt: dateTimeSchema.nullable(),
    decisionComment: z.string().nullable().describe("The admin's comment; the agent's next reflection reads it."),
    raw: z.string().nullable().describe("The model's answer."),
    from: versionRef.nullable().describe("For modify: the crew before."),
    to: versionRef.nullable().describe("For modify: the crew after."),
    createdAt: dateTimeSchema,
  })
  .meta({ id: "Reflection" });

export const agentLogResponseSchema = z
  .object({
    id: z.string(),
    level: z.enum(["debug", "info", "warn", "error"]),
    message: z.string(),
    data: z.unknown(),
    createdAt: dateTimeSchema,
  })
  .meta({ id: "AgentLog" });

export const scheduleResponseSchema = z.object({
  schedule: scheduleSchema,
  timezone: z.string(),
  paused: z.boolean(),
  runs: z.array(
    z.object({ at: dateTimeSchema, local: z.string().describe("Wall-clock time in the agent's time zone.") }),
  ),
});

export const startResponseSchema = z.object({
  tick: z.object({ id: z.string(), scheduledFor: dateTimeSchema, status: z.string() }),
  agent: agentResponseSchema,
});

export const rollbackResponseSchema = z.object({
  workflowId: z.string(),
  restoredFrom: z.number().int(),
  version: z
    .object({ id: z.string(), version: z.number().int(), source: z.string(), crew: z.array(crewMember).nullable() })
    .passthrough(),
});
