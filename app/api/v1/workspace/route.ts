import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { renameWorkspace, updateWorkspaceSchema } from "@/lib/workspaces/update-workspace";

export const GET = withWorkspace(async ({ workspace, role }) => json({ ...workspace, role }));

export const PATCH = withWorkspace(
  async ({ scope, body, role }) => json({ ...(await renameWorkspace(scope, body)), role }),
  { body: updateWorkspaceSchema, permission: "workspace.update" },
);
