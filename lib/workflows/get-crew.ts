import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { getWorkflowOrThrow } from "./get-workflow-or-throw";

/** The workflow's current crew and its version number. */
export async function getCrew(scope: Scope, workflowId: string) {
  const workflow = await getWorkflowOrThrow(scope, workflowId);
  return { workflowId: workflow.id, version: workflow.currentVersion, crew: workflow.crew };
}
