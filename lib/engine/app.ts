import "server-only";
import type { InngestFunction } from "inngest";
import { serveFunctions } from "@/inngest/serve";
import { env } from "@/lib/env";
import type { Endpoint } from "./call-endpoint";
import { mountedApps, type App } from "./mounted";
import { readRegistration } from "./registration";

/** The route's handlers take Next's (request, context); a plain Request is all they read. */
function wrap(handler: ReturnType<typeof serveFunctions>): Endpoint["handlers"] {
  return {
    POST: (req) => handler.POST(req as never, undefined as never) as Promise<Response>,
    PUT: (req) => handler.PUT(req as never, undefined as never) as Promise<Response>,
  };
}

/**
 * Serves `functions` through the SDK's serve handler (the one app/api/inngest
 * exports), reads their registration from it, and makes them known to this
 * process's event intake: events sent through the Inngest client then start
 * them. `unmount` forgets them again.
 */
export async function mountApp(functions: InngestFunction.Any[]): Promise<App & { unmount(): void }> {
  const e = env();
  const endpoint: Endpoint = {
    url: new URL("/api/inngest", e.APP_URL).href,
    handlers: wrap(serveFunctions(functions)),
    signingKey: e.INNGEST_SIGNING_KEY,
  };
  const app: App = { endpoint, functions: await readRegistration(endpoint) };
  mountedApps().add(app);
  return { ...app, unmount: () => mountedApps().delete(app) };
}
