import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { mcpServerSelect, serializeMcpServer } from "./serialize-mcp-server";

export async function listMcpServers(scope: Scope) {
  const rows = await scope.db.mcpServer.findMany({ orderBy: { name: "asc" }, select: mcpServerSelect });
  return rows.map(serializeMcpServer);
}
