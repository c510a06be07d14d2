import { auditActor } from "@/lib/api/audit";
import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { revokeToken } from "@/lib/tokens/tokens";

/** Revokes the token at once. */
export const DELETE = withWorkspace(foundation.revokeToken, async (ctx) => {
  return json(await revokeToken(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!));
});
