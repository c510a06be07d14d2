import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";

/** No address is longer (an IPv6 address with a zone is under 64 characters). */
const MAX_ADDRESS_LENGTH = 64;

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : undefined;
}

/**
 * The address of the client that sent a request, as a rate-limit key.
 *
 * Route handlers never see the socket. Next's own server (base-server.js,
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`) writes the socket
 * address into X-Forwarded-For only when the request has no such header, and
 * otherwise passes the client's header on untouched. So:
 * - TRUSTED_PROXY_HOPS=n > 0: each trusted proxy appended the address it saw,
 *   so the n-th entry from the right is the client as the outermost trusted
 *   proxy saw it; anything further left was written by the client and is ignored.
 *   A header with fewer entries than that did not pass all the proxies; all such
 *   requests share the "unknown" key rather than trusting a client-written entry.
 * - 0 (no proxy): a single entry is the socket address Next wrote; a list can
 *   only come from the client, so all lists share one "forwarded" key. A client
 *   that sends one made-up address cannot be told apart from Next's own value,
 *   so on the open internet run the app behind a proxy that appends to the
 *   header, and set TRUSTED_PROXY_HOPS to match.
 */
export function clientAddress(headers: HeaderSource): string {
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = env().TRUSTED_PROXY_HOPS;
  if (hops === 0) return bounded(entries.length === 1 ? entries[0]! : entries.length === 0 ? "unknown" : "forwarded");
  return bounded(entries.length >= hops ? entries[entries.length - hops]! : "unknown");
}

/**
 * The address as a key part of bounded length: a client-written entry can be
 * any length, and a rate-limit key must fit PostgreSQL's index row. Anything
 * longer than a real address becomes a short hash of itself.
 */
function bounded(address: string): string {
  if (address.length <= MAX_ADDRESS_LENGTH) return address;
  return `sha256:${createHash("sha256").update(address).digest("hex").slice(0, 32)}`;
}
