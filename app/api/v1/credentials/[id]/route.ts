import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { getCredential } from "@/lib/credentials/get-credential";
import { updateCredentialSchema } from "@/lib/credentials/schemas";
import { updateCredential } from "@/lib/credentials/update-credential";

export const GET = withWorkspace(async ({ scope, params }) => json(await getCredential(scope, params.id!)), {
  permission: "credentials.manage",
});

/** Renames the credential or changes its binding; the secret changes only through rotate. */
export const PATCH = withWorkspace(
  async ({ scope, params, body }) => json(await updateCredential(scope, params.id!, body)),
  { body: updateCredentialSchema, permission: "credentials.manage" },
);

export const DELETE = withWorkspace(async ({ scope, params }) => json(await deleteCredential(scope, params.id!)), {
  permission: "credentials.manage",
});
