import { audit } from "@/lib/api/audit";
import * as runs from "@/lib/api/operations/runs";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { cancelRun } from "@/lib/runs/cancel-run";

/** Cancels a queued run at once, or asks a running one to stop at its next step boundary. */
export const POST = withWorkspace(runs.cancelRun, async (ctx) => {
  const run = await cancelRun(ctx.scope, ctx.params.id!);
  await audit(ctx, "run.cancelled", { type: "run", id: ctx.params.id! });
  return json(run);
});
