import "server-only";
import { AppError, badRequest } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import type { CredentialBinding } from "./binding";
import { decryptSecret } from "./cipher";
import { recordCredentialUse } from "./record-credential-use";
import { credentialsKey } from "./key";
import type { CredentialKindName } from "./schemas";

/** A credential ready for one use: its secret and where it may be sent. */
export interface UnlockedCredential extends CredentialBinding {
  id: string;
  secret: string;
}

/**
 * The plaintext of a workspace's credential, for a model call or a tool, with
 * its binding (the caller checks where the secret goes against it), and a
 * record of the use (time and run; a run's first use of it also in the audit
 * log). A credential that is not this workspace's
 * (deleted, or another workspace's id) is a 400 naming it; so is one of
 * another kind when `use.kind` is given. The secret goes to the caller only:
 * never into an error, a log line or a response.
 */
export async function unlockCredential(
  scope: Scope,
  credentialId: string,
  use: { runId?: string; kind?: CredentialKindName | readonly CredentialKindName[] } = {},
): Promise<UnlockedCredential> {
  const { db, workspaceId } = scope;
  const row = await db.credential.findFirst({
    where: { id: credentialId },
    select: { id: true, name: true, kind: true, ciphertext: true, baseUrl: true, hosts: true },
  });
  if (!row) {
    throw badRequest(`Credential ${credentialId} does not exist in this workspace.`, [
      { field: "credentialId", message: "No such credential in this workspace" },
    ]);
  }
  const kinds = use.kind === undefined ? undefined : ([] as CredentialKindName[]).concat(use.kind);
  if (kinds && !kinds.includes(row.kind)) {
    throw badRequest(`Credential "${row.name}" is a ${row.kind} credential; this needs ${kinds.join(" or ")}.`, [
      { field: "credentialId", message: `Wrong kind (${row.kind})` },
    ]);
  }
  let secret: string;
  try {
    secret = decryptSecret(credentialsKey(), workspaceId, row.ciphertext);
  } catch {
    throw new AppError(
      400,
      "credential_unreadable",
      `Credential "${row.name}" cannot be decrypted with the server's CREDENTIALS_KEY; rotate it to save its secret again.`,
    );
  }
  await db.credential.updateMany({
    where: { id: row.id },
    data: { lastUsedAt: new Date(), lastUsedRunId: use.runId ?? null },
  });
  if (use.runId) await recordCredentialUse(scope, row.id, use.runId);
  const { ciphertext: _ciphertext, ...binding } = row;
  return { ...binding, secret };
}
