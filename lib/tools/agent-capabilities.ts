import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { ToolError } from "./errors";
import { parseToolName } from "./tool-names";

/** The capability an agent needs for each kind of tool a step lists. */
export const TOOL_CAPABILITY = {
  http: "api",
  mcp: "api",
  workflow: "workflows",
  declared: "api",
  sandbox: "api",
} as const;

/**
 * A run an agent started may use a step's tools only when the agent has the
 * capability each needs (`api` for http_request and MCP servers, `workflows`
 * for workflows, and `credentials` for a tool that sends a workspace
 * credential). Refused with a ToolError naming the agent and the capability,
 * so the step fails with the reason; runs started by people are not gated.
 */
export async function assertAgentMayUse(
  scope: Scope,
  runId: string,
  names: readonly string[],
  usesCredential: (server: string) => Promise<boolean>,
): Promise<void> {
  const run = await scope.db.run.findFirst({ where: { id: runId }, select: { agentId: true } });
  if (!run?.agentId) return;
  const agent = await scope.db.agent.findFirst({
    where: { id: run.agentId },
    select: { name: true, capabilities: true },
  });
  if (!agent) return;
  const has = new Set(agent.capabilities);
  for (const name of names) {
    const ref = parseToolName(name);
    if (!ref) continue;
    const needed = TOOL_CAPABILITY[ref.kind];
    if (!has.has(needed)) {
      throw new ToolError(`Agent "${agent.name}" lacks the ${needed} capability that ${name} needs`);
    }
    if (ref.kind === "mcp" && !has.has("credentials") && (await usesCredential(ref.server))) {
      throw new ToolError(
        `Agent "${agent.name}" lacks the credentials capability that ${name} needs (the server uses a credential)`,
      );
    }
  }
}

/** A run an agent started may send a credential only with the agent's `credentials` capability. */
export async function assertAgentHas(scope: Scope, runId: string, capability: string, what: string): Promise<void> {
  const run = await scope.db.run.findFirst({ where: { id: runId }, select: { agentId: true } });
  if (!run?.agentId) return;
  const agent = await scope.db.agent.findFirst({
    where: { id: run.agentId },
    select: { name: true, capabilities: true },
  });
  if (agent && !agent.capabilities.includes(capability)) {
    throw new ToolError(`Agent "${agent.name}" lacks the ${capability} capability that ${what} needs`);
  }
}
