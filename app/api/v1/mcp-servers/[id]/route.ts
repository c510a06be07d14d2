import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteMcpServer } from "@/lib/mcp/delete-mcp-server";

export const DELETE = withWorkspace(async ({ scope, params }) => json(await deleteMcpServer(scope, params.id!)), {
  permission: "workspace.update",
});
