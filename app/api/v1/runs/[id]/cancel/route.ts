import { auditActor } from "@/lib/api/audit";
import * as runs from "@/lib/api/operations/runs";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { cancelRun } from "@/lib/runs/cancel-run";

/** Cancels a queued run at once, or asks a running one to stop at its next step boundary. */
export const POST = withWorkspace(runs.cancelRun, async (ctx) => {
  return json(await cancelRun(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!));
});
