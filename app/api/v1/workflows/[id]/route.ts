import * as workflows from "@/lib/api/operations/workflows";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { getWorkflowOrThrow } from "@/lib/workflows/get-workflow-or-throw";
import { updateWorkflow } from "@/lib/workflows/update-workflow";

export const GET = withWorkspace(workflows.getWorkflow, async ({ scope, params }) =>
  json(await getWorkflowOrThrow(scope, params.id!)),
);

/** Updates name, description, default model or status (active | paused). */
export const PATCH = withWorkspace(workflows.updateWorkflow, async ({ scope, params, body }) =>
  json(await updateWorkflow(scope, params.id!, body)),
);

/** Deletes the workflow with its versions and finished runs; 409 while a run of it is queued or running. */
export const DELETE = withWorkspace(workflows.deleteWorkflow, async ({ scope, params }) => {
  await deleteWorkflow(scope, params.id!);
  return new Response(null, { status: 204 });
});
