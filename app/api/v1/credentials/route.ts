import { auditActor } from "@/lib/api/audit";
import * as credentials from "@/lib/api/operations/credentials";
import { assertCan, withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createCredential } from "@/lib/credentials/create-credential";
import { listCredentialReferences } from "@/lib/credentials/list-credential-references";
import { listCredentials } from "@/lib/credentials/list-credentials";

/**
 * Admins see every credential's public fields; with `?view=reference` any
 * member (and API token) sees names, kinds and bindings, to reference one by id.
 */
export const GET = withWorkspace(credentials.listCredentials, async ({ scope, caller, role, query }) => {
  if (query.view === "reference") return json({ data: await listCredentialReferences(scope) });
  assertCan(caller, role, "credentials.manage");
  return json({ data: await listCredentials(scope) });
});

/** Saves a secret encrypted; the answer (like every later one) shows only its last four characters. */
export const POST = withWorkspace(credentials.createCredential, async ({ scope, caller, request, body }) => {
  const created = await createCredential(scope, auditActor(caller, request), {
    ...body,
    createdById: caller.type === "user" ? caller.userId : null,
  });
  return json(created, 201);
});
