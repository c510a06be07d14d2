import * as foundation from "@/lib/api/operations/foundation";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { renameWorkspace } from "@/lib/workspaces/update-workspace";

export const GET = withWorkspace(foundation.getWorkspace, async ({ workspace, role }) => json({ ...workspace, role }));

export const PATCH = withWorkspace(foundation.updateWorkspace, async ({ scope, body, role }) =>
  json({ ...(await renameWorkspace(scope, body)), role }),
);
