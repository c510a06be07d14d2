/*
 * Agent shapes as the dashboard reads them from /api/v1/agents, read off the API's response
 * schemas (dates are ISO strings); request bodies off its request schemas.
 */
import type { z } from "zod";
import type { ScheduleInput } from "@/lib/agents/schedule-schema";
import type { modelRefInputSchema } from "@/lib/graph/model-ref";
import type {
  agentLogResponseSchema,
  agentResponseSchema,
  reflectionResponseSchema,
  rollbackResponseSchema,
  scheduleResponseSchema,
} from "@/lib/agents/response-schemas";

export type AgentDto = z.output<typeof agentResponseSchema>;
export type AgentStatus = AgentDto["status"];
export type ReflectionDto = z.output<typeof reflectionResponseSchema>;
export type Verdict = ReflectionDto["verdict"];
export type VersionRef = NonNullable<ReflectionDto["from"]>;
export type AgentLogDto = z.output<typeof agentLogResponseSchema>;
export type AgentScheduleDto = z.output<typeof scheduleResponseSchema>;
/** POST …/reflections/{rid}/rollback: the version that restores the one before the change. */
export type RollbackDto = z.output<typeof rollbackResponseSchema>;

/**
 * The body of POST /api/v1/agents (PATCH takes any part of it): the served fields it sets, with
 * the model and the schedule in the forms the API accepts.
 */
export type AgentInput = Pick<
  AgentDto,
  "name" | "role" | "description" | "goal" | "workflowIds" | "capabilities" | "patchMode"
> & {
  model: z.input<typeof modelRefInputSchema>;
  schedule: ScheduleInput;
};
