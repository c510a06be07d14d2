import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { revokeInvite } from "@/lib/members/invites";

export const DELETE = withWorkspace(foundation.revokeInvite, async ({ scope, params }) => {
  await revokeInvite(scope, params.id!);
  return new Response(null, { status: 204 });
});
