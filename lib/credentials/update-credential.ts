import "server-only";
import { badRequest, notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { credentialPublicFields, nameTaken } from "./public-fields";
import { bindingProblems, type UpdateCredentialInput } from "./schemas";

/**
 * Renames a credential or changes where it may go (owners and admins only,
 * like every credential route). Its secret stays; references to it stay, and
 * each use is checked against the new binding when it happens.
 */
export async function updateCredential({ db }: Scope, id: string, input: UpdateCredentialInput) {
  const row = await db.credential.findFirst({ where: { id }, select: { kind: true } });
  if (!row) throw notFound("Credential");
  const problems = bindingProblems(row.kind, input, false);
  const first = problems[0];
  if (first) throw badRequest(`Invalid ${first.field}: ${first.message}.`, problems);
  try {
    await db.credential.updateMany({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
        ...(input.hosts !== undefined ? { hosts: input.hosts } : {}),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err) && input.name) throw nameTaken(input.name);
    throw err;
  }
  return db.credential.findFirstOrThrow({ where: { id }, select: credentialPublicFields });
}
