import * as runs from "@/lib/api/operations/runs";
import { withWorkspace } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { getRun } from "@/lib/runs/get-run";
import { runEventStream, SSE_HEADERS } from "@/lib/runs/run-events";
import { takeStreamSlot } from "@/lib/runs/take-stream-slot";
import { takeWorkspaceStreamSlot } from "@/lib/runs/take-workspace-stream-slot";
import { assertStillHasAccess } from "@/lib/workspaces/assert-still-has-access";

export const dynamic = "force-dynamic";

/**
 * A server-sent-events stream of the run's progress: the run once, then what
 * changed (`step`, `run`), then `end`. A caller holding RUN_STREAMS_PER_CALLER
 * open streams in this process, or a workspace holding RUN_STREAMS_PER_WORKSPACE
 * in all processes, gets 429 with Retry-After. At each heartbeat the caller's
 * access is checked again (once it is gone the stream ends with `event: error`)
 * and the workspace's slot is refreshed.
 */
export const GET = withWorkspace(runs.streamRunEvents, async ({ scope, params, request, caller }) => {
  await getRun(scope, params.id!); // 404 as JSON before the stream starts
  const release = takeStreamSlot(caller);
  const slot = await takeWorkspaceStreamSlot(scope).catch((err: unknown) => {
    release();
    throw err;
  });
  return new Response(
    runEventStream(scope, params.id!, {
      signal: request.signal,
      onClose: () => {
        release();
        slot.release().catch((err: unknown) => console.error(err));
      },
      heartbeatMs: env().RUN_STREAM_HEARTBEAT_MS,
      checkAccess: async () => {
        await assertStillHasAccess(request, scope.workspaceId);
        await slot.refresh();
      },
    }),
    { headers: SSE_HEADERS },
  );
});
