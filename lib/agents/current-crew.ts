import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { versionContent } from "@/lib/workflows/serialize-workflow";

/** The workflow with the version it currently points at and what it holds (a crew or a graph). */
export async function currentCrew(scope: Scope, workflowId: string) {
  const workflow = await scope.db.workflow.findFirst({
    where: { id: workflowId },
    select: { id: true, name: true, currentVersion: true },
  });
  if (!workflow) throw notFound("Workflow");
  const version = await scope.db.workflowVersion.findFirst({
    where: { workflowId, version: workflow.currentVersion },
  });
  if (!version) throw notFound("Workflow version");
  return { workflow, version, content: versionContent(version) };
}
