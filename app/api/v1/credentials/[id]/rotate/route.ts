import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { rotateCredential } from "@/lib/credentials/rotate-credential";
import { rotateCredentialSchema } from "@/lib/credentials/schemas";

/** Replaces the secret; the answer shows the new last four characters only. */
export const POST = withWorkspace(
  async ({ scope, params, body }) => json(await rotateCredential(scope, params.id!, body.secret)),
  { body: rotateCredentialSchema, permission: "credentials.manage", maxBodyBytes: 16 * 1024 },
);
