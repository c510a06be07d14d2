import * as runs from "@/lib/api/operations/runs";
import { withWorkspace } from "@/lib/api/handler";
import { jsonWithEtag } from "@/lib/http/respond";
import { getStepInput } from "@/lib/runs/get-step-input";

/** One step's full input as sent to the model (null until it starts); ETag and 304 like the run. */
export const GET = withWorkspace(runs.getStepInput, async ({ request, scope, params }) =>
  jsonWithEtag(request, await getStepInput(scope, params.id!, params.stepId!)),
);
