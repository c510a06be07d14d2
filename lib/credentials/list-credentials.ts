import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { credentialPublicFields } from "./public-fields";

/** The workspace's credentials, newest first, without their secrets. */
export function listCredentials({ db }: Scope) {
  return db.credential.findMany({ orderBy: { createdAt: "desc" }, select: credentialPublicFields });
}
