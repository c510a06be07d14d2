import { auditActor } from "@/lib/api/audit";
import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { can } from "@/lib/auth/permissions";
import { removeMember, updateMemberRole } from "@/lib/members/members";

export const PATCH = withWorkspace(foundation.updateMember, async ({ scope, role, caller, request, params, body }) => {
  const updated = await updateMemberRole(
    scope,
    { userId: caller.type === "user" ? caller.userId : null, role },
    params.userId!,
    body.role,
    auditActor(caller, request),
  );
  return json(updated);
});

/** Removes a member; any member may remove themselves (leave). */
export const DELETE = withWorkspace(foundation.removeMember, async ({ scope, role, caller, request, params }) => {
  await removeMember(
    scope,
    { userId: caller.type === "user" ? caller.userId : null, role, canManage: can(role, "members.manage") },
    params.userId!,
    auditActor(caller, request),
  );
  return new Response(null, { status: 204 });
});
