import type { ApiOperation } from "@/lib/api/openapi";
import { listOf } from "@/lib/http/openapi-schemas";
import { createMcpServerSchema, mcpServerSchema } from "@/lib/mcp/schemas";

export const mcpServerOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/mcp-servers",
    operationId: "listMcpServers",
    summary: "MCP servers of the workspace (owner or admin)",
    tag: "Tools",
    responses: { 200: { description: "Registered MCP servers.", schema: listOf(mcpServerSchema) } },
    errors: [403],
  },
  {
    method: "post",
    path: "/api/v1/mcp-servers",
    operationId: "createMcpServer",
    summary: 'Register an MCP server (streamable HTTP) that agents and nodes list as "mcp:<name>"',
    tag: "Tools",
    body: createMcpServerSchema,
    responses: { 201: { description: "The server.", schema: mcpServerSchema } },
    errors: [400, 403, 409],
  },
  {
    method: "delete",
    path: "/api/v1/mcp-servers/{id}",
    operationId: "deleteMcpServer",
    summary: "Remove an MCP server",
    tag: "Tools",
    pathParams: { id: "MCP server id." },
    responses: { 200: { description: "The removed server.", schema: mcpServerSchema } },
    errors: [403, 404],
  },
];
