import { withWorkspace } from "@/lib/api/handler";
import { getRun } from "@/lib/runs/get-run";
import { runEventStream, SSE_HEADERS } from "@/lib/runs/run-events";

export const dynamic = "force-dynamic";

/** A server-sent-events stream of the run's progress (`run` snapshots, then `end`). */
export const GET = withWorkspace(async ({ scope, params, request }) => {
  await getRun(scope, params.id!); // 404 as JSON before the stream starts
  return new Response(runEventStream(scope, params.id!, { signal: request.signal }), { headers: SSE_HEADERS });
});
