import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";

/** Deletes a credential for good; a model or tool that still names it is refused at its next use. */
export async function deleteCredential({ db }: Scope, id: string): Promise<{ id: string; deleted: true }> {
  const { count } = await db.credential.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Credential");
  return { id, deleted: true };
}
