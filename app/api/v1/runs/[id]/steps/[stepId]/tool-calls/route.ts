import * as runs from "@/lib/api/operations/runs";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getStepToolCalls } from "@/lib/runs/get-step-tool-calls";

/** One step's tool calls with their full results. */
export const GET = withWorkspace(runs.getStepToolCalls, async ({ scope, params }) =>
  json(await getStepToolCalls(scope, params.id!, params.stepId!)),
);
