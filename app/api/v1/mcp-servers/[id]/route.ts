import { audit } from "@/lib/api/audit";
import * as mcpServers from "@/lib/api/operations/mcp-servers";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteMcpServer } from "@/lib/mcp/delete-mcp-server";

export const DELETE = withWorkspace(mcpServers.deleteMcpServer, async (ctx) => {
  const deleted = await deleteMcpServer(ctx.scope, ctx.params.id!);
  await audit(ctx, "mcp_server.deleted", { type: "mcp_server", id: deleted.id }, { name: deleted.name });
  return json(deleted);
});
