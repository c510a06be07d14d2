import { functions } from "@/inngest";
import { inngest } from "@/inngest/client";
import { serveFunctions } from "@/inngest/serve";
import { cappedRequest } from "@/lib/http/capped-request";
import { errorResponse } from "@/lib/http/respond";
import { serveEndpointOpen } from "@/lib/engine/serve-endpoint-open";

// Inngest (dev server, cloud or self-hosted) calls this route to run our
// functions; requests are signed with INNGEST_SIGNING_KEY when it is set.
// The in-process driver calls the same handler (serveFunctions) directly.
const handler = serveFunctions(functions);

/** Inngest's own limit on a request's payload; nothing it sends is larger. */
const INNGEST_MAX_BODY_BYTES = 4 * 1024 * 1024;

type RouteHandler = (request: Request, context: unknown) => Promise<Response>;

/**
 * In the SDK's dev mode the handler runs functions for any caller, so over HTTP
 * it answers only where that is meant (the Dev Server, outside production) or
 * when calls are signed (see serveEndpointOpen). The SDK reads bodies whole, so
 * the body is read here first, through the capped reader.
 */
function exposed(h: (...args: never[]) => Promise<Response>): RouteHandler {
  const inner = h as unknown as RouteHandler;
  return async (request, context) => {
    if (!serveEndpointOpen(inngest)) return Response.json({ message: "Not found" }, { status: 404 });
    let capped: Request;
    try {
      capped = await cappedRequest(request, INNGEST_MAX_BODY_BYTES);
    } catch (err) {
      return errorResponse(err);
    }
    return inner(capped, context);
  };
}

export const GET = exposed(handler.GET);
export const POST = exposed(handler.POST);
export const PUT = exposed(handler.PUT);
