import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { listMcpTools, MCP_TOOL_SEPARATOR } from "@/lib/mcp/list-mcp-tools";
import { expandDeclared, httpToolSpec, loadSkillSpec, runContext } from "./declared-tools";
import { assertAgentMayUse } from "./agent-capabilities";
import { HTTP_REQUEST_TOOL } from "./http-request";
import { workflowToolSpec } from "./workflow-tool";
import { mcpEndpoint, toolLimits } from "./tool-config";
import { REMEMBER_TOOL_SPEC } from "@/lib/memory/remember-tool";
import { LOAD_SKILL_TOOL, parseToolName, REMEMBER_TOOL_NAME } from "./tool-names";
import type { ToolSpec } from "./types";
import { sandboxToolSpec } from "./sandbox-tool-specs";
import { ToolError } from "./errors";

/**
 * The tools offered to the model for a step that lists `names`: the
 * http_request tool, each MCP server's tools (listed through the SDK, named
 * `<server>__<tool>`), each workflow as `workflow_<id>`, and `load_skill` and
 * `remember` when the step is given them (a node with skills, a node that writes memory). A listed tool that cannot be offered (a server that
 * does not answer) throws a ToolError: the step fails with the reason rather
 * than running without the tool.
 */
export async function toolSpecsFor(
  scope: Scope,
  listed: readonly string[],
  runId: string,
  skills: readonly string[] = [],
): Promise<ToolSpec[]> {
  const limits = toolLimits();
  const context = await runContext(scope, runId);
  const names = await expandDeclared(
    scope,
    listed.filter((n) => n !== LOAD_SKILL_TOOL && n !== REMEMBER_TOOL_NAME),
    context,
  );
  await assertAgentMayUse(scope, runId, names, async (server) =>
    Boolean(
      (await scope.db.mcpServer.findFirst({ where: { name: server }, select: { credentialId: true } }))?.credentialId,
    ),
  );
  const specs: ToolSpec[] = [];
  for (const name of names) {
    const ref = parseToolName(name);
    if (ref?.kind === "http") {
      specs.push({ ...HTTP_REQUEST_TOOL, inputSchema: { ...HTTP_REQUEST_TOOL.inputSchema } });
    } else if (ref?.kind === "mcp") {
      const offered = await listMcpTools(await mcpEndpoint(scope, ref.server, runId), limits);
      if (!ref.tool) specs.push(...offered);
      else {
        const one = offered.find((t) => t.name === `${ref.server}${MCP_TOOL_SEPARATOR}${ref.tool}`);
        if (!one) throw new ToolError(`MCP server ${ref.server} has no tool ${ref.tool}`);
        specs.push(one);
      }
    } else if (ref?.kind === "workflow") {
      specs.push(await workflowToolSpec(scope, ref.workflowId));
    } else if (ref?.kind === "sandbox") {
      specs.push(sandboxToolSpec(ref.name));
    } else if (ref?.kind === "declared") {
      const tool = context.tools.find((t) => t.name === ref.name);
      if (tool?.kind !== "http") throw new ToolError(`Tool ${name} is not declared`);
      specs.push(httpToolSpec(tool));
    } else {
      throw new ToolError(`Unknown tool ${name}`);
    }
  }
  if (listed.includes(LOAD_SKILL_TOOL)) {
    const own = context.skills.filter((s) => skills.includes(s.name));
    if (own.length) specs.push(loadSkillSpec(own));
  }
  if (listed.includes(REMEMBER_TOOL_NAME)) specs.push({ ...REMEMBER_TOOL_SPEC });
  return specs;
}
