import "server-only";
import { redactSecret } from "@/lib/credentials/redact-secret";
import { ToolError } from "@/lib/tools/errors";
import { withMcpSession, type McpEndpoint } from "./mcp-session";

/** Calls one tool of an MCP server through the SDK; its text content is the result. */
export async function callMcpTool(
  endpoint: McpEndpoint,
  tool: string,
  args: Record<string, unknown>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<string> {
  return withMcpSession(endpoint, options, async (client) => {
    const result = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: options.timeoutMs });
    const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
    // A server that answers with the token it was sent does not get it into the record.
    const text = redactSecret(
      content.map((c) => (c.type === "text" ? (c.text ?? "") : JSON.stringify(c))).join("\n"),
      endpoint.token,
    );
    if (result.isError) throw new ToolError(text || `${tool} on MCP server ${endpoint.name} failed`);
    return text;
  });
}
