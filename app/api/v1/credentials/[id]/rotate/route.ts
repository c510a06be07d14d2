import { audit } from "@/lib/api/audit";
import * as credentials from "@/lib/api/operations/credentials";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { rotateCredential } from "@/lib/credentials/rotate-credential";

/** Replaces the secret; the answer shows the new last four characters only. */
export const POST = withWorkspace(credentials.rotateCredential, async (ctx) => {
  const rotated = await rotateCredential(ctx.scope, ctx.params.id!, ctx.body.secret);
  await audit(ctx, "credential.rotated", { type: "credential", id: ctx.params.id! });
  return json(rotated);
});
