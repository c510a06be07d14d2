import { functions } from "@/inngest";
import { inngest } from "@/inngest/client";
import { serveFunctions } from "@/inngest/serve";
import { serveEndpointOpen } from "@/lib/engine/serve-endpoint-open";

// Inngest (dev server, cloud or self-hosted) calls this route to run our
// functions; requests are signed with INNGEST_SIGNING_KEY when it is set.
// The in-process driver calls the same handler (serveFunctions) directly.
const handler = serveFunctions(functions);

/**
 * In the SDK's dev mode the handler runs functions for any caller, so over HTTP
 * it answers only where that is meant (the Dev Server, outside production) or
 * when calls are signed (see serveEndpointOpen).
 */
function exposed<H extends (...args: never[]) => Promise<Response>>(h: H) {
  return ((...args: Parameters<H>) => {
    if (!serveEndpointOpen(inngest)) {
      return Promise.resolve(Response.json({ message: "Not found" }, { status: 404 }));
    }
    return h(...args);
  }) as H;
}

export const GET = exposed(handler.GET);
export const POST = exposed(handler.POST);
export const PUT = exposed(handler.PUT);
