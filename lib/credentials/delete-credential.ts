import "server-only";
import { notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";

/** Deletes a credential for good; a model or tool that still names it is refused at its next use. */
export async function deleteCredential(
  scope: Scope,
  actor: AuditActor,
  id: string,
): Promise<{ id: string; deleted: true }> {
  return auditedWrite(
    scope,
    actor,
    async (tx) => {
      const { count } = await tx.credential.deleteMany({ where: { id } });
      if (count === 0) throw notFound("Credential");
      return { id, deleted: true as const };
    },
    () => ({ action: "credential.deleted", target: { type: "credential", id } }),
  );
}
