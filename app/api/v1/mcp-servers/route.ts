import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createMcpServer } from "@/lib/mcp/create-mcp-server";
import { listMcpServers } from "@/lib/mcp/list-mcp-servers";
import { createMcpServerSchema } from "@/lib/mcp/schemas";

export const GET = withWorkspace(async ({ scope }) => json({ data: await listMcpServers(scope) }), {
  permission: "workspace.update",
});

export const POST = withWorkspace(async ({ scope, body }) => json(await createMcpServer(scope, body), 201), {
  body: createMcpServerSchema,
  permission: "workspace.update",
});
