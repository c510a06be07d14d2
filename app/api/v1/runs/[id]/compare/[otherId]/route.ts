import * as forks from "@/lib/api/operations/forks";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { compareRuns } from "@/lib/runs/forks/compare-runs";

/** Two runs of one workflow, step by step, and where they diverge. */
export const GET = withWorkspace(forks.compareRuns, async ({ scope, params }) =>
  json(await compareRuns(scope, params.id!, params.otherId!)),
);
