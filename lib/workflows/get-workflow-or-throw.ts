import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { serializeWorkflow, versionContent, workflowSelect } from "./serialize-workflow";

/** The workflow with the crew or graph of its current version; 404 when absent or another workspace's. */
export async function getWorkflowOrThrow({ db }: Scope, id: string) {
  const workflow = await db.workflow.findFirst({ where: { id }, select: workflowSelect });
  if (!workflow) throw notFound("Workflow");
  const version = await db.workflowVersion.findFirst({
    where: { workflowId: id, version: workflow.currentVersion },
    select: { crew: true, graph: true, responseTone: true },
  });
  if (!version) throw notFound("Workflow version");
  return serializeWorkflow(workflow, versionContent(version));
}
