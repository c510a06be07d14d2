import "server-only";
import { AppError, badRequest, conflict } from "@/lib/http/errors";
import { hostBindingProblem } from "@/lib/credentials/binding";
import { assertCredentialExists } from "@/lib/credentials/assert-credential-exists";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { MAX_MCP_SERVERS_PER_WORKSPACE, type CreateMcpServerInput } from "./schemas";
import { mcpServerSelect, serializeMcpServer } from "./serialize-mcp-server";

/**
 * Registers an MCP server; its name is unique in the workspace. Its credential
 * must be bound to the server's host: a token goes nowhere an admin did not say.
 */
export async function createMcpServer(scope: Scope, actor: AuditActor, input: CreateMcpServerInput) {
  if (input.credentialId) {
    await assertCredentialExists(scope, input.credentialId, "credentialId", ["http", "mcp"]);
    const binding = await scope.db.credential.findFirstOrThrow({
      where: { id: input.credentialId },
      select: { name: true, kind: true, baseUrl: true, hosts: true },
    });
    const problem = hostBindingProblem(binding, new URL(input.url).hostname);
    if (problem) throw badRequest(`Invalid credentialId: ${problem}.`, [{ field: "credentialId", message: problem }]);
  }
  if ((await scope.db.mcpServer.count()) >= MAX_MCP_SERVERS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_MCP_SERVERS_PER_WORKSPACE} MCP servers; delete one first.`,
    );
  }
  try {
    const row = await auditedWrite(
      scope,
      actor,
      (tx) =>
        tx.mcpServer.create({
          data: {
            workspaceId: scope.workspaceId,
            name: input.name,
            url: input.url,
            credentialId: input.credentialId ?? null,
          },
          select: mcpServerSelect,
        }),
      (created) => ({
        action: "mcp_server.created",
        target: { type: "mcp_server", id: created.id },
        details: { name: created.name, url: created.url },
      }),
    );
    return serializeMcpServer(row);
  } catch (err) {
    if ((err as { code?: unknown }).code === "P2002") {
      throw conflict(`An MCP server named ${input.name} already exists in this workspace.`);
    }
    throw err;
  }
}
