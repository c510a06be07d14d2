import "server-only";
import type { ToolSpec } from "@/lib/tools/types";
import { withMcpSession, type McpEndpoint } from "./mcp-session";

/** The separator between a server's name and its tool's in the name the model sees. */
export const MCP_TOOL_SEPARATOR = "__";

/**
 * The tools an MCP server offers, as the model sees them: named
 * `<server>__<tool>` so tools of several servers never clash.
 */
export async function listMcpTools(
  endpoint: McpEndpoint,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<ToolSpec[]> {
  return withMcpSession(endpoint, options, async (client) => {
    const { tools } = await client.listTools(undefined, { timeout: options.timeoutMs });
    return tools.map((t) => ({
      name: `${endpoint.name}${MCP_TOOL_SEPARATOR}${t.name}`,
      description: t.description ?? `${t.name} on MCP server ${endpoint.name}`,
      inputSchema: t.inputSchema as Record<string, unknown>,
    }));
  });
}
