import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { cancelRun } from "@/lib/runs/cancel-run";

/** Cancels a queued run at once, or asks a running one to stop at its next step boundary. */
export const POST = withWorkspace(async ({ scope, params }) => json(await cancelRun(scope, params.id!)), {
  permission: "runs.write",
});
