import { audit } from "@/lib/api/audit";
import * as mcpServers from "@/lib/api/operations/mcp-servers";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createMcpServer } from "@/lib/mcp/create-mcp-server";
import { listMcpServers } from "@/lib/mcp/list-mcp-servers";

export const GET = withWorkspace(mcpServers.listMcpServers, async ({ scope }) =>
  json({ data: await listMcpServers(scope) }),
);

export const POST = withWorkspace(mcpServers.createMcpServer, async (ctx) => {
  const created = await createMcpServer(ctx.scope, ctx.body);
  await audit(
    ctx,
    "mcp_server.created",
    { type: "mcp_server", id: created.id },
    { name: created.name, url: created.url },
  );
  return json(created, 201);
});
