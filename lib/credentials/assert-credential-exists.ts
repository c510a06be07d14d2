import "server-only";
import { badRequest } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import type { CredentialKindName } from "./schemas";

/**
 * Save-time check for anything that references a credential (a model's
 * `credentialId`, a tool's token): a 400 naming `field` when the workspace has
 * no credential with this id, or (with `kinds`) none of a kind that fits.
 */
export async function assertCredentialExists(
  { db }: Scope,
  id: string,
  field: string,
  kinds?: readonly CredentialKindName[],
): Promise<void> {
  const row = await db.credential.findFirst({ where: { id }, select: { kind: true, name: true } });
  if (!row) {
    const message = `No credential with id ${id} in this workspace`;
    throw badRequest(`Invalid ${field}: ${message}.`, [{ field, message }]);
  }
  if (kinds && !kinds.includes(row.kind)) {
    const message = `Credential "${row.name}" is a ${row.kind} credential; use one of kind ${kinds.join(", ")}`;
    throw badRequest(`Invalid ${field}: ${message}.`, [{ field, message }]);
  }
}
