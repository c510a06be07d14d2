import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { credentialPublicFields } from "./public-fields";

/** One credential of the workspace without its secret; 404 when the workspace has none with this id. */
export async function getCredential({ db }: Scope, id: string) {
  const row = await db.credential.findFirst({ where: { id }, select: credentialPublicFields });
  if (!row) throw notFound("Credential");
  return row;
}
