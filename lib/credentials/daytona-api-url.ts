import { allowPrivateToolEndpoints, env } from "@/lib/env";
import { plainHttpAllowed } from "@/lib/outbound/guarded-agent";
import { normalizeBaseUrl } from "./schemas";

/** Daytona's own API, where a daytona credential with no API URL is sent. */
export const DAYTONA_DEFAULT_API_URL = "https://app.daytona.io/api";

/**
 * The Daytona API URLs the operator trusts: Daytona's own, the server's DAYTONA_API_URL and
 * those listed in DAYTONA_ALLOWED_API_URLS. The SDK makes its requests with an HTTP client of
 * its own, outside lib/outbound's guarded path, so a daytona key (and the sandbox traffic that
 * follows it) goes only to one of these, never to a host a workspace names.
 */
export function trustedDaytonaApiUrls(): string[] {
  const e = env();
  const listed = e.DAYTONA_ALLOWED_API_URLS.split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  return [...new Set([DAYTONA_DEFAULT_API_URL, e.DAYTONA_API_URL, ...listed].map(normalizeBaseUrl))];
}

/**
 * Why a daytona key may not be sent to `apiUrl`, or null when it may: the URL must be one the
 * operator trusts, and plain http only to a loopback or private address the operator allows
 * (ALLOW_PRIVATE_ENDPOINTS=1), as for every other key.
 */
export function daytonaApiUrlProblem(apiUrl: string): string | null {
  const wanted = normalizeBaseUrl(apiUrl);
  if (!trustedDaytonaApiUrls().includes(wanted)) {
    return `${wanted} is not a Daytona API URL this server trusts (Daytona's own, DAYTONA_API_URL, or one an operator lists in DAYTONA_ALLOWED_API_URLS)`;
  }
  const url = new URL(wanted);
  if (!plainHttpAllowed(url, { purpose: "sandbox providers", allowPrivate: allowPrivateToolEndpoints() })) {
    return `A daytona key is only sent over https; ${url.origin} is plain http`;
  }
  return null;
}
