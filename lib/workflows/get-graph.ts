import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { getWorkflowOrThrow } from "./get-workflow-or-throw";

/** The workflow's current graph (a crew's is its chain), its kind and version number. */
export async function getGraph(scope: Scope, workflowId: string) {
  const workflow = await getWorkflowOrThrow(scope, workflowId);
  return { workflowId: workflow.id, version: workflow.currentVersion, kind: workflow.kind, graph: workflow.graph };
}
