import { audit } from "@/lib/api/audit";
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
  const updated = await updateCredential(ctx.scope, ctx.params.id!, ctx.body);
  await audit(ctx, "credential.updated", { type: "credential", id: updated.id }, { fields: Object.keys(ctx.body) });
  return json(updated);
});

export const DELETE = withWorkspace(credentials.deleteCredential, async (ctx) => {
  const deleted = await deleteCredential(ctx.scope, ctx.params.id!);
  await audit(ctx, "credential.deleted", { type: "credential", id: ctx.params.id! });
  return json(deleted);
});
