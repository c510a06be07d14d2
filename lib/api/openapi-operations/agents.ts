import { z } from "zod";
import { createAgentSchema, listQuerySchema, scheduleQuerySchema, updateAgentSchema } from "@/lib/agents/schemas";
import type { ApiOperation } from "@/lib/api/openapi";
import { listOf } from "@/lib/api/openapi-schemas";

// Response shapes are outlined (id plus any other fields); the request schemas are the validating ones.
const agentSchema = z
  .looseObject({ id: z.string(), name: z.string(), status: z.string() })
  .meta({ id: "AgentSummary" });
const reflectionSchema = z.looseObject({
  id: z.string(),
  verdict: z.enum(["ok", "modify", "fail"]),
  reason: z.string(),
});
const logSchema = z.looseObject({
  id: z.string(),
  level: z.enum(["debug", "info", "warn", "error"]),
  message: z.string(),
});
const id = { id: "Agent id." };

export const agentOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/agents",
    operationId: "listAgents",
    summary: "List goal-driven agents",
    tag: "Agents",
    query: listQuerySchema,
    responses: { 200: { description: "Agents.", schema: listOf(agentSchema) } },
  },
  {
    method: "post",
    path: "/api/v1/agents",
    operationId: "createAgent",
    summary: "Create an agent",
    tag: "Agents",
    body: createAgentSchema,
    responses: { 201: { description: "The agent.", schema: agentSchema } },
  },
  {
    method: "get",
    path: "/api/v1/agents/{id}",
    operationId: "getAgent",
    summary: "Get an agent",
    tag: "Agents",
    pathParams: id,
    responses: { 200: { description: "The agent.", schema: agentSchema } },
    errors: [404],
  },
  {
    method: "patch",
    path: "/api/v1/agents/{id}",
    operationId: "updateAgent",
    summary: "Update an agent",
    tag: "Agents",
    pathParams: id,
    body: updateAgentSchema,
    responses: { 200: { description: "The agent.", schema: agentSchema } },
    errors: [404],
  },
  {
    method: "delete",
    path: "/api/v1/agents/{id}",
    operationId: "deleteAgent",
    summary: "Delete an agent with its ticks, reflections and logs",
    tag: "Agents",
    pathParams: id,
    responses: { 204: { description: "Deleted." } },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/v1/agents/{id}/start",
    operationId: "startAgent",
    summary: "Start a tick now",
    tag: "Agents",
    pathParams: id,
    responses: { 202: { description: "The tick was started.", schema: z.looseObject({}) } },
    errors: [402, 404, 409, 429],
  },
  {
    method: "post",
    path: "/api/v1/agents/{id}/pause",
    operationId: "pauseAgent",
    summary: "Pause an agent's schedule",
    tag: "Agents",
    pathParams: id,
    responses: { 200: { description: "The agent.", schema: agentSchema } },
    errors: [404, 409],
  },
  {
    method: "post",
    path: "/api/v1/agents/{id}/resume",
    operationId: "resumeAgent",
    summary: "Resume a paused or failed agent",
    tag: "Agents",
    pathParams: id,
    responses: { 200: { description: "The agent.", schema: agentSchema } },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/v1/agents/{id}/schedule",
    operationId: "getAgentSchedule",
    summary: "The agent's next run times",
    tag: "Agents",
    pathParams: id,
    query: scheduleQuerySchema,
    responses: { 200: { description: "Upcoming run times.", schema: z.looseObject({}) } },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/agents/{id}/reflections",
    operationId: "listReflections",
    summary: "The agent's last 50 reflections, newest first",
    tag: "Agents",
    pathParams: id,
    responses: { 200: { description: "Reflections.", schema: listOf(reflectionSchema) } },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/v1/agents/{id}/reflections/{rid}/rollback",
    operationId: "rollbackReflection",
    summary: "Undo a reflection's crew change (a new version, source rollback)",
    tag: "Agents",
    pathParams: { ...id, rid: "Reflection id." },
    responses: { 201: { description: "The restored crew.", schema: z.looseObject({}) } },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/v1/agents/{id}/logs",
    operationId: "listAgentLogs",
    summary: "The agent's last 100 log entries, newest first",
    tag: "Agents",
    pathParams: id,
    responses: { 200: { description: "Log entries.", schema: listOf(logSchema) } },
    errors: [404],
  },
];
