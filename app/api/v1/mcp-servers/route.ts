import { auditActor } from "@/lib/api/audit";
import * as mcpServers from "@/lib/api/operations/mcp-servers";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createMcpServer } from "@/lib/mcp/create-mcp-server";
import { listMcpServers } from "@/lib/mcp/list-mcp-servers";

export const GET = withWorkspace(mcpServers.listMcpServers, async ({ scope }) =>
  json({ data: await listMcpServers(scope) }),
);

export const POST = withWorkspace(mcpServers.createMcpServer, async (ctx) => {
  return json(await createMcpServer(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.body), 201);
});
