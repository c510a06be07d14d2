import { functions } from "@/inngest";
import { serveFunctions } from "@/inngest/serve";
import { usesInngestServer } from "@/lib/engine/config";
import { env } from "@/lib/env";

// Inngest (dev server, cloud or self-hosted) calls this route to run our
// functions; requests are signed with INNGEST_SIGNING_KEY when it is set.
// The in-process driver calls the same handler (serveFunctions) directly.
const handler = serveFunctions(functions);

/**
 * Without an Inngest server, the handler is in the SDK's dev mode unless a
 * signing key is set: it would run functions for any caller, so over HTTP it
 * answers only when a server is configured or calls are signed.
 */
function exposed<H extends (...args: never[]) => Promise<Response>>(h: H) {
  return ((...args: Parameters<H>) => {
    if (!usesInngestServer() && !env().INNGEST_SIGNING_KEY) {
      return Promise.resolve(Response.json({ message: "Not found" }, { status: 404 }));
    }
    return h(...args);
  }) as H;
}

export const GET = exposed(handler.GET);
export const POST = exposed(handler.POST);
export const PUT = exposed(handler.PUT);
