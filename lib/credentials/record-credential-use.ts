import "server-only";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";

/**
 * Records that a run used a credential, once per run and credential however
 * many model turns, tool calls or replays of a step use it: the first use
 * writes a CredentialUse row and the `credential.used` audit entry (by the
 * run's agent, or the system) in one transaction; later ones find the row.
 */
export async function recordCredentialUse(scope: Scope, credentialId: string, runId: string): Promise<void> {
  const seen = await scope.db.credentialUse.findFirst({ where: { runId, credentialId }, select: { runId: true } });
  if (seen) return;
  await scope.db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "CredentialUse" ("workspaceId", "runId", "credentialId")
      SELECT ${scope.workspaceId}, ${runId}, c.id FROM "Credential" c WHERE c.id = ${credentialId} AND ${workspaceFilter(scope, "c")}
      ON CONFLICT DO NOTHING`;
    // Another step of the run recorded it meanwhile (or the credential is gone).
    if (inserted === 0) return;
    const run = await tx.run.findFirst({ where: { id: runId }, select: { agentId: true, workflowId: true } });
    const actor: AuditActor = run?.agentId ? { type: "agent", id: run.agentId } : { type: "system", id: null };
    await appendAuditEntry(tx, scope.workspaceId, actor, {
      action: "credential.used",
      target: { type: "credential", id: credentialId },
      details: { runId, ...(run ? { workflowId: run.workflowId } : {}) },
    });
  });
}
