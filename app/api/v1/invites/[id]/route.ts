import { auditActor } from "@/lib/api/audit";
import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { revokeInvite } from "@/lib/members/invites";

export const DELETE = withWorkspace(foundation.revokeInvite, async ({ scope, params, caller, request }) => {
  await revokeInvite(scope, auditActor(caller, request), params.id!);
  return new Response(null, { status: 204 });
});
