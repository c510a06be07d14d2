import { audit } from "@/lib/api/audit";
import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { revokeToken } from "@/lib/tokens/tokens";

/** Revokes the token at once. */
export const DELETE = withWorkspace(foundation.revokeToken, async (ctx) => {
  const revoked = await revokeToken(ctx.scope, ctx.params.id!);
  await audit(ctx, "token.revoked", { type: "token", id: ctx.params.id! });
  return json(revoked);
});
