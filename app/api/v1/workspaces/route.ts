import * as foundation from "@/lib/api/operations/foundation";
import { forbidden } from "@/lib/http/errors";
import { withCaller } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { listWorkspacesForUser } from "@/lib/workspaces/list-workspaces";
import { TOKEN_ROLE } from "@/lib/workspaces/resolve-access";

/** The caller's workspaces: all of a user's, or a token's own. */
export const GET = withCaller(foundation.listWorkspaces, async ({ caller }) => {
  if (caller.type === "token") {
    return json({ data: [{ ...caller.workspace, role: TOKEN_ROLE }] });
  }
  return json({ data: await listWorkspacesForUser(caller.userId) });
});

export const POST = withCaller(foundation.createWorkspace, async ({ caller, body }) => {
  if (caller.type !== "user") throw forbidden("API tokens cannot create workspaces; sign in instead.");
  const ws = await createWorkspace({ userId: caller.userId, name: body.name });
  return json({ id: ws.id, name: ws.name, slug: ws.slug, plan: ws.plan, role: "owner" }, 201);
});
