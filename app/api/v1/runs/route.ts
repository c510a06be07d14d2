import * as runs from "@/lib/api/operations/runs";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { listRuns } from "@/lib/runs/list-runs";

/** Runs newest first, filtered by workflowId, status, createdAfter and createdBefore. */
export const GET = withWorkspace(runs.listRuns, async ({ scope, query }) => json(await listRuns(scope, query)));
