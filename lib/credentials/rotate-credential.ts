import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { encryptSecret } from "./cipher";
import { credentialsKey } from "./key";
import { credentialPublicFields } from "./public-fields";
import { lastFourOf } from "./schemas";

/** Replaces a credential's secret (a new IV each time); everything that references it uses the new one. */
export async function rotateCredential({ db, workspaceId }: Scope, id: string, secret: string) {
  const { count } = await db.credential.updateMany({
    where: { id },
    data: { ciphertext: encryptSecret(credentialsKey(), workspaceId, secret), lastFour: lastFourOf(secret) },
  });
  if (count === 0) throw notFound("Credential");
  return db.credential.findFirstOrThrow({ where: { id }, select: credentialPublicFields });
}
