import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { getCredential } from "@/lib/credentials/get-credential";
import { renameCredential } from "@/lib/credentials/rename-credential";
import { renameCredentialSchema } from "@/lib/credentials/schemas";

export const GET = withWorkspace(async ({ scope, params }) => json(await getCredential(scope, params.id!)), {
  permission: "credentials.manage",
});

/** Renames the credential; the secret changes only through rotate. */
export const PATCH = withWorkspace(
  async ({ scope, params, body }) => json(await renameCredential(scope, params.id!, body.name)),
  { body: renameCredentialSchema, permission: "credentials.manage" },
);

export const DELETE = withWorkspace(async ({ scope, params }) => json(await deleteCredential(scope, params.id!)), {
  permission: "credentials.manage",
});
