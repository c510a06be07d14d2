import {
  agentLogResponseSchema,
  agentResponseSchema,
  reflectionResponseSchema,
  rollbackResponseSchema,
  scheduleResponseSchema,
  startResponseSchema,
} from "@/lib/agents/response-schemas";
import { createAgentSchema, listQuerySchema, scheduleQuerySchema, updateAgentSchema } from "@/lib/agents/schemas";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf, pageOf } from "@/lib/http/openapi-schemas";

const id = { id: "Agent id." };

export const listAgents = defineOperation({
  method: "get",
  path: "/api/v1/agents",
  operationId: "listAgents",
  summary: "List goal-driven agents",
  tag: "Agents",
  query: listQuerySchema,
  responses: { 200: { description: "Agents, newest first.", schema: pageOf(agentResponseSchema) } },
});

export const createAgent = defineOperation({
  method: "post",
  path: "/api/v1/agents",
  operationId: "createAgent",
  permission: "agents.write",
  summary: "Create an agent",
  tag: "Agents",
  body: createAgentSchema,
  responses: { 201: { description: "The agent.", schema: agentResponseSchema } },
});

export const getAgent = defineOperation({
  method: "get",
  path: "/api/v1/agents/{id}",
  operationId: "getAgent",
  summary: "Get an agent",
  tag: "Agents",
  pathParams: id,
  responses: { 200: { description: "The agent.", schema: agentResponseSchema } },
  errors: [404],
});

export const updateAgent = defineOperation({
  method: "patch",
  path: "/api/v1/agents/{id}",
  operationId: "updateAgent",
  permission: "agents.write",
  summary: "Update an agent",
  tag: "Agents",
  pathParams: id,
  body: updateAgentSchema,
  responses: { 200: { description: "The agent.", schema: agentResponseSchema } },
  errors: [404],
});

export const deleteAgent = defineOperation({
  method: "delete",
  path: "/api/v1/agents/{id}",
  operationId: "deleteAgent",
  permission: "agents.write",
  summary: "Delete an agent with its ticks, reflections and logs",
  tag: "Agents",
  pathParams: id,
  responses: { 204: { description: "Deleted." } },
  errors: [404],
});

export const startAgent = defineOperation({
  method: "post",
  path: "/api/v1/agents/{id}/start",
  operationId: "startAgent",
  permission: "agents.write",
  summary: "Start a tick now",
  tag: "Agents",
  pathParams: id,
  responses: { 202: { description: "The tick was started.", schema: startResponseSchema } },
  errors: [402, 404, 409, 429],
});

export const pauseAgent = defineOperation({
  method: "post",
  path: "/api/v1/agents/{id}/pause",
  operationId: "pauseAgent",
  permission: "agents.write",
  summary: "Pause an agent's schedule",
  tag: "Agents",
  pathParams: id,
  responses: { 200: { description: "The agent.", schema: agentResponseSchema } },
  errors: [404, 409],
});

export const resumeAgent = defineOperation({
  method: "post",
  path: "/api/v1/agents/{id}/resume",
  operationId: "resumeAgent",
  permission: "agents.write",
  summary: "Resume a paused or failed agent",
  tag: "Agents",
  pathParams: id,
  responses: { 200: { description: "The agent.", schema: agentResponseSchema } },
  errors: [404, 409],
});

export const getAgentSchedule = defineOperation({
  method: "get",
  path: "/api/v1/agents/{id}/schedule",
  operationId: "getAgentSchedule",
  summary: "The agent's next run times",
  tag: "Agents",
  pathParams: id,
  query: scheduleQuerySchema,
  responses: { 200: { description: "Upcoming run times.", schema: scheduleResponseSchema } },
  errors: [404],
});

export const listReflections = defineOperation({
  method: "get",
  path: "/api/v1/agents/{id}/reflections",
  operationId: "listReflections",
  summary: "The agent's last 50 reflections, newest first",
  tag: "Agents",
  pathParams: id,
  responses: { 200: { description: "Reflections.", schema: listOf(reflectionResponseSchema) } },
  errors: [404],
});

export const rollbackReflection = defineOperation({
  method: "post",
  path: "/api/v1/agents/{id}/reflections/{rid}/rollback",
  operationId: "rollbackReflection",
  permission: "agents.write",
  summary: "Undo a reflection's crew change (a new version, source rollback)",
  tag: "Agents",
  pathParams: { ...id, rid: "Reflection id." },
  responses: { 201: { description: "The restored crew.", schema: rollbackResponseSchema } },
  errors: [404, 409],
});

export const listAgentLogs = defineOperation({
  method: "get",
  path: "/api/v1/agents/{id}/logs",
  operationId: "listAgentLogs",
  summary: "The agent's last 100 log entries, newest first",
  tag: "Agents",
  pathParams: id,
  responses: { 200: { description: "Log entries.", schema: listOf(agentLogResponseSchema) } },
  errors: [404],
});

export const agentOperations: readonly ApiOperation[] = [
  listAgents,
  createAgent,
  getAgent,
  updateAgent,
  deleteAgent,
  startAgent,
  pauseAgent,
  resumeAgent,
  getAgentSchedule,
  listReflections,
  rollbackReflection,
  listAgentLogs,
];
