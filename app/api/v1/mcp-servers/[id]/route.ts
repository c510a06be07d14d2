import { auditActor } from "@/lib/api/audit";
import * as mcpServers from "@/lib/api/operations/mcp-servers";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteMcpServer } from "@/lib/mcp/delete-mcp-server";

export const DELETE = withWorkspace(mcpServers.deleteMcpServer, async (ctx) => {
  return json(await deleteMcpServer(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!));
});
