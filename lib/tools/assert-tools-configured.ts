import "server-only";
import { badRequest } from "@/lib/http/errors";
import { assertCredentialExists } from "@/lib/credentials/assert-credential-exists";
import type { Scope } from "@/lib/db/tenant";
import { parseToolName } from "./tool-names";

/**
 * Save-time check of the tools crew agents or graph nodes list against the
 * workspace: each `workflow:<id>` names a workflow of the workspace (not the
 * one being saved) and each `mcp:<name>` a registered MCP server. 400 naming
 * the first bad field (`crew.0.tools.1`, `graph.nodes.2.tools.0`).
 */
export async function assertToolsConfigured(
  scope: Scope,
  entries: readonly { tools?: readonly string[]; credentials?: readonly string[]; output?: unknown }[],
  field: string,
  selfWorkflowId?: string,
  /** The tools the project's registry declares, for a version imported from files. */
  declared: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const [i, entry] of entries.entries()) {
    for (const [j, id] of (entry.credentials ?? []).entries()) {
      await assertCredentialExists(scope, id, `${field}.${i}.credentials.${j}`, ["http"]);
    }
  }
  const listed = entries.flatMap((entry, i) =>
    (entry.tools ?? []).map((name, j) => ({ field: `${field}.${i}.tools.${j}`, name, ref: parseToolName(name) })),
  );
  if (listed.length === 0) return;
  const workflowIds = listed.flatMap((t) => (t.ref?.kind === "workflow" ? [t.ref.workflowId] : []));
  const servers = listed.flatMap((t) => (t.ref?.kind === "mcp" ? [t.ref.server] : []));
  const [workflows, mcpServers] = await Promise.all([
    workflowIds.length
      ? scope.db.workflow.findMany({ where: { id: { in: workflowIds } }, select: { id: true } })
      : Promise.resolve([]),
    servers.length
      ? scope.db.mcpServer.findMany({ where: { name: { in: servers } }, select: { name: true } })
      : Promise.resolve([]),
  ]);
  const knownWorkflows = new Set(workflows.map((w) => w.id));
  const knownServers = new Set(mcpServers.map((s) => s.name));
  const problems = listed.flatMap(({ field: f, name, ref }) => {
    if (!ref) return [{ field: f, message: `Unknown tool ${name}` }];
    if (ref.kind === "declared" && !declared.has(ref.name)) {
      return [{ field: f, message: `Tool ${name} is not declared: declare it in the tools: section of registry.yml` }];
    }
    if (ref.kind === "workflow" && ref.workflowId === selfWorkflowId) {
      return [{ field: f, message: "A workflow cannot list itself as a tool" }];
    }
    if (ref.kind === "workflow" && !knownWorkflows.has(ref.workflowId)) {
      return [{ field: f, message: `No workflow ${ref.workflowId} in this workspace` }];
    }
    if (ref.kind === "mcp" && !knownServers.has(ref.server)) {
      return [{ field: f, message: `No MCP server named ${ref.server}; register it with POST /api/v1/mcp-servers` }];
    }
    return [];
  });
  const first = problems[0];
  if (first) throw badRequest(`Invalid ${first.field}: ${first.message}`, problems);
}
