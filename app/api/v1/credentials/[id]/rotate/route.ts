import * as credentials from "@/lib/api/operations/credentials";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { rotateCredential } from "@/lib/credentials/rotate-credential";

/** Replaces the secret; the answer shows the new last four characters only. */
export const POST = withWorkspace(credentials.rotateCredential, async ({ scope, params, body }) =>
  json(await rotateCredential(scope, params.id!, body.secret)),
);
