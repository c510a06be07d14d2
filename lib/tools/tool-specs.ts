import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { listMcpTools } from "@/lib/mcp/list-mcp-tools";
import { assertAgentMayUse } from "./agent-capabilities";
import { HTTP_REQUEST_TOOL } from "./http-request";
import { workflowToolSpec } from "./workflow-tool";
import { mcpEndpoint, toolLimits } from "./tool-config";
import { parseToolName } from "./tool-names";
import type { ToolSpec } from "./types";
import { ToolError } from "./errors";

/**
 * The tools offered to the model for a step that lists `names`: the
 * http_request tool, each MCP server's tools (listed through the SDK, named
 * `<server>__<tool>`), each workflow as `workflow_<id>`. A listed tool that cannot be offered (a server that
 * does not answer) throws a ToolError: the step fails with the reason rather
 * than running without the tool.
 */
export async function toolSpecsFor(scope: Scope, names: readonly string[], runId: string): Promise<ToolSpec[]> {
  const limits = toolLimits();
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
      specs.push(...(await listMcpTools(await mcpEndpoint(scope, ref.server, runId), limits)));
    } else if (ref?.kind === "workflow") {
      specs.push(await workflowToolSpec(scope, ref.workflowId));
    } else {
      throw new ToolError(`Unknown tool ${name}`);
    }
  }
  return specs;
}
