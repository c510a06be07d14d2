import "server-only";
import { enqueueEvents, type IncomingEvent } from "./intake";

/**
 * The Inngest client's `fetch` when no Inngest server is configured: the
 * client's event API calls (`POST /e/<event key>`, from `inngest.send` and
 * `step.sendEvent`) go to the in-process intake instead of the network. The
 * answer has the event API's shape, so the client cannot tell the difference.
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
  return Response.json({ error: `${req.method} ${pathname} is not served in-process` }, { status: 404 });
}
