import * as mcpServers from "@/lib/api/operations/mcp-servers";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteMcpServer } from "@/lib/mcp/delete-mcp-server";

export const DELETE = withWorkspace(mcpServers.deleteMcpServer, async ({ scope, params }) =>
  json(await deleteMcpServer(scope, params.id!)),
);
