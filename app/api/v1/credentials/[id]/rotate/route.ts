import { auditActor } from "@/lib/api/audit";
import * as credentials from "@/lib/api/operations/credentials";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { rotateCredential } from "@/lib/credentials/rotate-credential";

/** Replaces the secret; the answer shows the new last four characters only. */
export const POST = withWorkspace(credentials.rotateCredential, async (ctx) => {
  return json(await rotateCredential(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!, ctx.body.secret));
});
