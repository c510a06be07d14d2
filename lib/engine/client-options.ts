import "server-only";
import { env } from "@/lib/env";
import { usesInngestServer } from "./config";
import { localInngestFetch } from "./local-api";

/**
 * The Inngest client's options. With an Inngest server configured, the SDK's
 * own (from INNGEST_* variables). Without one, the in-process driver: events go
 * to its intake through the client's `fetch`; without INNGEST_SIGNING_KEY the
 * client is in dev mode (the serve endpoint accepts unsigned calls), with it
 * in cloud mode, so the endpoint verifies the driver's signatures.
 */
export function engineClientOptions(): { isDev?: boolean; eventKey?: string; fetch?: typeof fetch } {
  if (usesInngestServer()) return {};
  const signed = Boolean(env().INNGEST_SIGNING_KEY);
  return { isDev: !signed, ...(signed ? { eventKey: "in-process" } : {}), fetch: localInngestFetch };
}
