import "server-only";
import { conflict } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { getWorkflowOrThrow } from "./get-workflow-or-throw";

/** The workflow's current crew and its version number; 409 for a graph workflow. */
export async function getCrew(scope: Scope, workflowId: string) {
  const workflow = await getWorkflowOrThrow(scope, workflowId);
  if (workflow.crew === null) {
    throw conflict("This is a graph workflow: read and change it through GET/PUT /api/v1/workflows/{id}/graph.");
  }
  return {
    workflowId: workflow.id,
    version: workflow.currentVersion,
    crew: workflow.crew,
    responseTone: workflow.graph.responseTone ?? null,
  };
}
