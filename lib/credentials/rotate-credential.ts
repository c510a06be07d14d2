import "server-only";
import { notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { encryptSecret } from "./cipher";
import { credentialsKey } from "./key";
import { credentialPublicFields } from "./public-fields";
import { lastFourOf } from "./schemas";

/** Replaces a credential's secret (a new IV each time); everything that references it uses the new one. */
export async function rotateCredential(scope: Scope, actor: AuditActor, id: string, secret: string) {
  return auditedWrite(
    scope,
    actor,
    async (tx) => {
      const { count } = await tx.credential.updateMany({
        where: { id },
        data: { ciphertext: encryptSecret(credentialsKey(), scope.workspaceId, secret), lastFour: lastFourOf(secret) },
      });
      if (count === 0) throw notFound("Credential");
      return tx.credential.findFirstOrThrow({ where: { id }, select: credentialPublicFields });
    },
    () => ({ action: "credential.rotated", target: { type: "credential", id } }),
  );
}
