import { auditActor } from "@/lib/api/audit";
import * as foundation from "@/lib/api/operations/foundation";
import { forbidden } from "@/lib/http/errors";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createInvite, listPendingInvites } from "@/lib/members/invites";

export const GET = withWorkspace(foundation.listInvites, async ({ scope }) =>
  json({ data: await listPendingInvites(scope) }),
);

/**
 * Creates an invite; the response carries the link to share (shown once) and
 * whether it was also emailed (SMTP_URL).
 */
export const POST = withWorkspace(
  foundation.createInvite,
  async ({ scope, caller, request, role, workspace, body }) => {
    if (caller.type !== "user") throw forbidden("Sign in to invite members.");
    const actor = { userId: caller.userId, role, name: caller.name, email: caller.email };
    const created = await createInvite(
      scope,
      actor,
      { ...body, workspaceName: workspace.name },
      auditActor(caller, request),
    );
    return json(created, 201);
  },
);
