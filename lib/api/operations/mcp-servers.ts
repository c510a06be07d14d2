import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { listOf } from "@/lib/http/openapi-schemas";
import { createMcpServerSchema, mcpServerSchema } from "@/lib/mcp/schemas";

export const listMcpServers = defineOperation({
  method: "get",
  path: "/api/v1/mcp-servers",
  operationId: "listMcpServers",
  permission: "workspace.update",
  summary: "MCP servers of the workspace (owner or admin)",
  tag: "Tools",
  responses: { 200: { description: "Registered MCP servers.", schema: listOf(mcpServerSchema) } },
  errors: [403],
});

export const createMcpServer = defineOperation({
  method: "post",
  path: "/api/v1/mcp-servers",
  operationId: "createMcpServer",
  permission: "workspace.update",
  summary: 'Register an MCP server (streamable HTTP) that agents and nodes list as "mcp:<name>"',
  tag: "Tools",
  body: createMcpServerSchema,
  responses: { 201: { description: "The server.", schema: mcpServerSchema } },
  errors: [400, 403, 409],
});

export const deleteMcpServer = defineOperation({
  method: "delete",
  path: "/api/v1/mcp-servers/{id}",
  operationId: "deleteMcpServer",
  permission: "workspace.update",
  summary: "Remove an MCP server",
  tag: "Tools",
  pathParams: { id: "MCP server id." },
  responses: { 200: { description: "The removed server.", schema: mcpServerSchema } },
  errors: [403, 404],
});

export const mcpServerOperations: readonly ApiOperation[] = [listMcpServers, createMcpServer, deleteMcpServer];
