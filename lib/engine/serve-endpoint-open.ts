import "server-only";
import type { Inngest } from "inngest";
import { env } from "@/lib/env";
import { usesInngestServer } from "./config";

/** True when the SDK checks every call's signature: cloud mode with a signing key. */
function verifiesSignatures(client: Inngest.Any): boolean {
  return client.mode === "cloud" && Boolean(client.signingKey);
}

/**
 * Whether /api/inngest answers over HTTP. In the SDK's dev mode (INNGEST_DEV,
 * or the in-process driver without a signing key) the handler runs functions
 * for any caller, unsigned. That is fine for the Dev Server on a laptop, never
 * in production: there the endpoint answers only when signatures are checked.
 * The in-process driver calls the handler directly, so it is not affected.
 */
export function serveEndpointOpen(client: Inngest.Any): boolean {
  if (verifiesSignatures(client)) return true;
  if (env().NODE_ENV === "production") return false;
  return usesInngestServer();
}

/** The one line a production server logs at start when INNGEST_DEV leaves /api/inngest refusing. */
export function serveEndpointWarning(client: Inngest.Any): string | null {
  const e = env();
  if (e.NODE_ENV !== "production" || !e.INNGEST_DEV || verifiesSignatures(client)) return null;
  return (
    "[engine] INNGEST_DEV is set in production: the Inngest SDK would run functions for unsigned calls, " +
    "so /api/inngest answers 404. Unset INNGEST_DEV and set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY " +
    "to use an Inngest server."
  );
}
