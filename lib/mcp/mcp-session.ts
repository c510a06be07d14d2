import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { redactSecret } from "@/lib/credentials/redact-secret";
import { blockedCause, guardedFetch } from "@/lib/outbound/guarded-agent";
import { ToolError } from "@/lib/tools/errors";

export interface McpEndpoint {
  name: string;
  url: string;
  /** Sent as a bearer token (the server's credential). */
  token?: string;
}

/**
 * Connects to an MCP server over streamable HTTP with the official SDK, runs
 * `run` and closes the connection. The server's host must resolve to public
 * addresses only, unless private ones are allowed (local test servers).
 */
export async function withMcpSession<T>(
  endpoint: McpEndpoint,
  options: { timeoutMs: number; allowPrivate: boolean },
  run: (client: Client) => Promise<T>,
): Promise<T> {
  const url = new URL(endpoint.url);
  const client = new Client({ name: "loopllama", version: "1.0.0" });
  // Every connection goes through the guarded path; a token is never sent over
  // plain http nor after a redirect.
  const transport = new StreamableHTTPClientTransport(url, {
    fetch: guardedFetch(
      { purpose: "MCP servers", allowPrivate: options.allowPrivate },
      { credentialed: Boolean(endpoint.token) },
    ),
    requestInit: endpoint.token ? { headers: { authorization: `Bearer ${endpoint.token}` } } : undefined,
  });
  try {
    await client.connect(transport, { timeout: options.timeoutMs });
    return await run(client);
  } catch (err) {
    if (err instanceof ToolError) throw err;
    const blocked = blockedCause(err);
    if (blocked) throw new ToolError(`MCP server ${endpoint.name}: ${blocked.message}`);
    // An error can quote the server's answer, which may repeat the token.
    const message = redactSecret(err instanceof Error ? err.message : String(err), endpoint.token);
    throw new ToolError(`MCP server ${endpoint.name}: ${message}`);
  } finally {
    await client.close().catch(() => undefined);
  }
}
