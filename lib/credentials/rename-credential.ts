import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { credentialPublicFields, nameTaken } from "./public-fields";

/** Renames a credential; its secret and the references to it stay as they are. */
export async function renameCredential({ db }: Scope, id: string, name: string) {
  try {
    const { count } = await db.credential.updateMany({ where: { id }, data: { name } });
    if (count === 0) throw notFound("Credential");
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
  return db.credential.findFirstOrThrow({ where: { id }, select: credentialPublicFields });
}
