import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { mcpServerSelect, serializeMcpServer } from "./serialize-mcp-server";

/** Removes an MCP server; steps that list it fail their tool calls with the reason. */
export async function deleteMcpServer(scope: Scope, id: string) {
  const row = await scope.db.mcpServer.findFirst({ where: { id }, select: mcpServerSelect });
  if (!row) throw notFound("MCP server");
  await scope.db.mcpServer.deleteMany({ where: { id } });
  return serializeMcpServer(row);
}
