import { auditActor } from "@/lib/api/audit";
import * as credentials from "@/lib/api/operations/credentials";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { getCredential } from "@/lib/credentials/get-credential";
import { updateCredential } from "@/lib/credentials/update-credential";

export const GET = withWorkspace(credentials.getCredential, async ({ scope, params }) =>
  json(await getCredential(scope, params.id!)),
);

/** Renames the credential or changes its binding; the secret changes only through rotate. */
export const PATCH = withWorkspace(credentials.updateCredential, async (ctx) => {
  return json(await updateCredential(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!, ctx.body));
});

export const DELETE = withWorkspace(credentials.deleteCredential, async (ctx) => {
  return json(await deleteCredential(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!));
});
