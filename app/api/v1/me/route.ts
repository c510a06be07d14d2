import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";

/** Who is calling, in which workspace, with which role. */
export const GET = withWorkspace(foundation.getMe, async ({ caller, workspace, role }) =>
  json({
    workspace,
    role,
    user: caller.type === "user" ? { id: caller.userId, email: caller.email, name: caller.name } : null,
    token: caller.type === "token" ? { id: caller.tokenId, name: caller.tokenName } : null,
  }),
);
