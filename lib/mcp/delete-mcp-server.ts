import "server-only";
import { notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { mcpServerSelect, serializeMcpServer } from "./serialize-mcp-server";

/** Removes an MCP server; steps that list it fail their tool calls with the reason. */
export async function deleteMcpServer(scope: Scope, actor: AuditActor, id: string) {
  const row = await scope.db.mcpServer.findFirst({ where: { id }, select: mcpServerSelect });
  if (!row) throw notFound("MCP server");
  await auditedWrite(
    scope,
    actor,
    async (tx) => {
      const { count } = await tx.mcpServer.deleteMany({ where: { id } });
      if (count === 0) throw notFound("MCP server");
    },
    () => ({ action: "mcp_server.deleted", target: { type: "mcp_server", id }, details: { name: row.name } }),
  );
  return serializeMcpServer(row);
}
