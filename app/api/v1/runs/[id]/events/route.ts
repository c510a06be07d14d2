import { withWorkspace } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { getRun } from "@/lib/runs/get-run";
import { runEventStream, SSE_HEADERS } from "@/lib/runs/run-events";
import { takeStreamSlot } from "@/lib/runs/take-stream-slot";
import { assertStillHasAccess } from "@/lib/workspaces/assert-still-has-access";

export const dynamic = "force-dynamic";

/**
 * A server-sent-events stream of the run's progress: the run once, then what
 * changed (`step`, `run`), then `end`. A caller holding RUN_STREAMS_PER_CALLER
 * open streams gets 429 with Retry-After. At each heartbeat the caller's access
 * is checked again; once it is gone the stream ends with `event: error`.
 */
export const GET = withWorkspace(async ({ scope, params, request, caller }) => {
  await getRun(scope, params.id!); // 404 as JSON before the stream starts
  const release = takeStreamSlot(caller);
  return new Response(
    runEventStream(scope, params.id!, {
      signal: request.signal,
      onClose: release,
      heartbeatMs: env().RUN_STREAM_HEARTBEAT_MS,
      checkAccess: () => assertStillHasAccess(request, scope.workspaceId),
    }),
    { headers: SSE_HEADERS },
  );
});
