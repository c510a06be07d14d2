import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { allowPrivateToolEndpoints, env } from "@/lib/env";
import { hostBindingProblem } from "@/lib/credentials/binding";
import { unlockCredential } from "@/lib/credentials/unlock-credential";
import type { McpEndpoint } from "@/lib/mcp/mcp-session";
import { ToolError } from "./errors";

/** The limits every tool call runs under (TOOL_* environment variables). */
export function toolLimits() {
  const e = env();
  return {
    maxCalls: e.TOOL_MAX_CALLS,
    timeoutMs: e.TOOL_TIMEOUT_MS,
    maxBytes: e.TOOL_MAX_RESPONSE_BYTES,
    allowPrivate: allowPrivateToolEndpoints(e),
  };
}

/** The tools crew agent `index` of a pinned crew lists. */
export function crewTools(crew: unknown, index: number): string[] {
  const agent = Array.isArray(crew) ? (crew[index] as { tools?: unknown } | undefined) : undefined;
  return Array.isArray(agent?.tools) ? agent.tools.filter((t): t is string => typeof t === "string") : [];
}

/** The credential ids crew agent `index` of a pinned crew lists for its tools. */
export function crewCredentials(crew: unknown, index: number): string[] {
  const agent = Array.isArray(crew) ? (crew[index] as { credentials?: unknown } | undefined) : undefined;
  return Array.isArray(agent?.credentials) ? agent.credentials.filter((t): t is string => typeof t === "string") : [];
}

/**
 * A registered MCP server with its credential's secret, for one run's call.
 * The credential must still be bound to the server's host (an admin may have
 * changed either since the server was registered).
 */
export async function mcpEndpoint(scope: Scope, name: string, runId?: string): Promise<McpEndpoint> {
  const server = await scope.db.mcpServer.findFirst({ where: { name }, select: { url: true, credentialId: true } });
  if (!server) throw new ToolError(`MCP server ${name} is no longer registered in this workspace`);
  if (!server.credentialId) return { name, url: server.url };
  const credential = await unlockCredential(scope, server.credentialId, { runId, kind: ["http", "mcp"] });
  const problem = hostBindingProblem(credential, new URL(server.url).hostname);
  if (problem) throw new ToolError(`MCP server ${name}: ${problem}`);
  return { name, url: server.url, token: credential.secret };
}
