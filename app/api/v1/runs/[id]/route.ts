import * as runs from "@/lib/api/operations/runs";
import { withWorkspace } from "@/lib/api/handler";
import { jsonWithEtag } from "@/lib/http/respond";
import { getRun } from "@/lib/runs/get-run";
import { waitingFor } from "@/lib/runs/waiting-for";

/**
 * A run with its steps in order; poll until the status is completed, failed or
 * cancelled. Send the last ETag as If-None-Match to get 304 while nothing changed.
 * `?include=inputs` adds each step's full input.
 */
export const GET = withWorkspace(runs.getRun, async ({ request, scope, params, query }) => {
  const run = await getRun(scope, params.id!, { includeInputs: query.include === "inputs" });
  const waiting = await waitingFor(scope, run);
  return jsonWithEtag(request, waiting ? { ...run, waitingFor: waiting } : run);
});
