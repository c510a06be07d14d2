import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { assertModelCredentials } from "./assert-model-credentials";
import { getWorkflowOrThrow } from "./get-workflow-or-throw";
import type { UpdateWorkflowInput } from "./schemas";
import { armTrigger } from "./triggers/arm-trigger";

/** Updates name, description, default model or status (the crew changes through versions). */
export async function updateWorkflow(scope: Scope, id: string, input: UpdateWorkflowInput) {
  await assertModelCredentials(scope, [{ field: "model", model: input.model }]);
  const { count } = await scope.db.workflow.updateMany({
    where: { id },
    data: {
      name: input.name,
      description: input.description === undefined ? undefined : input.description || null,
      model: input.model,
      status: input.status,
    },
  });
  if (count === 0) throw notFound("Workflow");
  if (input.status !== undefined) await armTrigger(scope, id);
  return getWorkflowOrThrow(scope, id);
}
