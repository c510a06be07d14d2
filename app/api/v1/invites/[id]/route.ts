import { withWorkspace } from "@/lib/api/handler";
import { revokeInvite } from "@/lib/members/invites";

export const DELETE = withWorkspace(
  async ({ scope, params }) => {
    await revokeInvite(scope, params.id!);
    return new Response(null, { status: 204 });
  },
  { permission: "members.manage" },
);
