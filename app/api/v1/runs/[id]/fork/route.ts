import { auditActor } from "@/lib/api/audit";
import * as forks from "@/lib/api/operations/forks";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { forkRun } from "@/lib/runs/forks/fork-run";

/** Forks a finished run from a step: 202 with the queued fork. */
export const POST = withWorkspace(forks.forkRun, async ({ scope, params, body, caller, request }) => {
  const actor = auditActor(caller, request);
  const by =
    caller.type === "token"
      ? { triggeredBy: "token" as const, triggeredById: caller.tokenId, actor }
      : { triggeredBy: "user" as const, triggeredById: caller.userId, actor };
  return json(await forkRun(scope, params.id!, body, by), { status: 202 });
});
