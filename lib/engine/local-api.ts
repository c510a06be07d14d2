import "server-only";
import type { Op } from "./call-endpoint";
import { checkpointSteps, StaleCheckpoint } from "./checkpoints";
import { enqueueEvents, type IncomingEvent } from "./intake";
import { LostLease } from "./journal";

/** The checkpoint API the SDK posts finished steps to (its api/api.js, `checkpointStepsAsync`). */
const CHECKPOINT = /\/v1\/checkpoint\/([^/]+)\/async$/;

/**
 * The Inngest client's `fetch` when no Inngest server is configured: the
 * client's event API calls (`POST /e/<event key>`, from `inngest.send` and
 * `step.sendEvent`) go to the in-process intake instead of the network, and
 * the SDK's checkpoints (`POST /v1/checkpoint/<run>/async`) to the execution
 * that holds the run. The answers have the APIs' shapes, so the client cannot
 * tell the difference.
 */
export async function localInngestFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const { pathname } = new URL(req.url);
  if (req.method === "POST" && /\/e\/[^/]+$/.test(pathname)) {
    try {
      const ids = await enqueueEvents((await req.json()) as IncomingEvent[]);
      return Response.json({ ids, status: 200 });
    } catch (err) {
      return Response.json({ ids: [], status: 500, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const checkpoint = req.method === "POST" ? CHECKPOINT.exec(pathname) : null;
  if (checkpoint) {
    const { steps, qi_id } = (await req.json()) as { steps?: Op[]; qi_id?: string };
    try {
      await checkpointSteps(decodeURIComponent(checkpoint[1]!), qi_id, steps ?? []);
      return Response.json({});
    } catch (err) {
      // The execution lost its job (or never had it here): the SDK stops instead of running on.
      if (err instanceof StaleCheckpoint || err instanceof LostLease) {
        return Response.json({ error: err.message }, { status: 409 });
      }
      return Response.json({ error: err instanceof Error ? err.message : String(err) }, { status: 500 });
    }
  }
  return Response.json({ error: `${req.method} ${pathname} is not served in-process` }, { status: 404 });
}
