import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { listRuns } from "@/lib/runs/list-runs";
import { listRunsQuerySchema } from "@/lib/runs/schemas";

/** Runs newest first, filtered by workflowId, status, createdAfter and createdBefore. */
export const GET = withWorkspace(async ({ scope, query }) => json(await listRuns(scope, query)), {
  query: listRunsQuerySchema,
});
