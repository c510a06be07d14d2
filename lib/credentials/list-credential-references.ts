import "server-only";
import type { Scope } from "@/lib/db/tenant";

/**
 * What every member may see of the workspace's credentials, to pick one for a
 * model or a tool: the name, the kind and where it may be sent. Never the
 * secret, its last four characters or who made it.
 */
export function listCredentialReferences({ db }: Scope) {
  return db.credential.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, baseUrl: true, hosts: true },
  });
}
