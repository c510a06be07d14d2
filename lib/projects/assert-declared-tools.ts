import "server-only";
import { AppError } from "@/lib/http/errors";
import { assertCredentialExists } from "@/lib/credentials/assert-credential-exists";
import type { Scope } from "@/lib/db/tenant";
import { compileErrors } from "./compile-errors";
import { REGISTRY_FILE, type CompileError, type ProjectTool } from "./types";

/**
 * The registry's declared tools against the workspace, each problem at its registry line: an
 * MCP tool's server is registered, a workflow tool names a workflow of the project or the
 * workspace, an HTTP tool's credential is an http credential of the workspace.
 */
export async function assertDeclaredToolsConfigured(
  scope: Scope,
  tools: ProjectTool[],
  projectWorkflows: string[],
  lines: Record<string, number>,
): Promise<void> {
  if (!tools.length) return;
  const errors: CompileError[] = [];
  const at = (name: string, message: string) =>
    errors.push({ file: REGISTRY_FILE, line: lines[name] ?? 1, message: `tools.${name}: ${message}` });
  const servers = new Set((await scope.db.mcpServer.findMany({ select: { name: true } })).map((s) => s.name));
  const workflowNames = tools.flatMap((t) => (t.kind === "workflow" ? [t.workflow] : []));
  const existing = new Set(
    workflowNames.length
      ? (await scope.db.workflow.findMany({ where: { name: { in: workflowNames } }, select: { name: true } })).map(
          (w) => w.name,
        )
      : [],
  );
  for (const tool of tools) {
    if (tool.kind === "mcp" && !servers.has(tool.server))
      at(tool.name, `No MCP server named ${tool.server}; register it with POST /api/v1/mcp-servers`);
    if (tool.kind === "workflow" && !projectWorkflows.includes(tool.workflow) && !existing.has(tool.workflow))
      at(tool.name, `No workflow named "${tool.workflow}" in the project or the workspace`);
    if (tool.kind === "http" && tool.credential) {
      try {
        await assertCredentialExists(scope, tool.credential, `tools.${tool.name}.http.credential`, ["http"]);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        at(
          tool.name,
          `http.credential: ${(err.details as { message: string }[] | undefined)?.[0]?.message ?? err.message}`,
        );
      }
    }
  }
  if (errors.length) throw compileErrors(errors);
}
