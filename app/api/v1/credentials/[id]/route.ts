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
export const PATCH = withWorkspace(credentials.updateCredential, async ({ scope, params, body }) =>
  json(await updateCredential(scope, params.id!, body)),
);

export const DELETE = withWorkspace(credentials.deleteCredential, async ({ scope, params }) =>
  json(await deleteCredential(scope, params.id!)),
);
