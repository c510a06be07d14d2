import "server-only";
import type { Scope, TenantTx } from "@/lib/db/tenant";
import { appendAuditEntry, type AuditActor, type AuditRecord } from "./record-audit-entry";

/**
 * Runs an action's writes and appends its audit entry in one transaction, so
 * the action and its entry commit together or not at all. `record` names the
 * entry from the action's result, or returns null when nothing changed.
 */
export async function auditedWrite<T>(
  scope: Scope,
  actor: AuditActor,
  write: (tx: TenantTx) => Promise<T>,
  record: (result: T) => AuditRecord | null,
): Promise<T> {
  return scope.db.$transaction(async (tx) => {
    const result = await write(tx);
    const entry = record(result);
    if (entry) await appendAuditEntry(tx, scope.workspaceId, actor, entry);
    return result;
  });
}
