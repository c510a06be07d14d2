import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The request header in which the server (scripts/serve.ts) records the client
 * address it worked out from the socket. It always overwrites a copy the client
 * sent, and signs the value with CLIENT_ADDRESS_KEY, a random key it puts in
 * its own environment at start (Next's code, in the same process or a child,
 * reads it there). A server that did not make the key (plain `next start` or
 * `next dev`) cannot produce a header that verifies.
 */
export const CLIENT_ADDRESS_HEADER = "x-loopllama-client-address";

/** No address is longer (an IPv6 address with a zone is under 64 characters). */
const MAX_ADDRESS_LENGTH = 64;

/**
 * The client's address from what the server knows about a request:
 * - no trusted proxy (`hops` 0): the socket's remote address, whatever
 *   X-Forwarded-For says (only a client could have written it);
 * - `hops` n > 0 proxies that each append the address they saw: the n-th entry
 *   from the right of X-Forwarded-For is the client as the outermost trusted
 *   proxy saw it (the socket is the nearest proxy); anything further left was
 *   written by the client. A header with fewer entries did not pass all the
 *   proxies: such requests share the "unknown" address.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  if (hops === 0) return bounded(socketAddress || "unknown");
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return bounded(entries.length >= hops ? entries[entries.length - hops]! : "unknown");
}

/** The header's value for an address: its signature, a space, the address. */
export function stampClientAddress(address: string, key: string): string {
  return `${sign(address, key)} ${address}`;
}

/** The address a header carries when its signature verifies with `key`; otherwise undefined. */
export function verifiedClientAddress(value: string | undefined, key: string | undefined): string | undefined {
  if (!value || !key) return undefined;
  const space = value.indexOf(" ");
  if (space < 0) return undefined;
  const address = value.slice(space + 1);
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(sign(address, key));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return address;
}

function sign(address: string, key: string): string {
  return createHmac("sha256", key).update(address).digest("base64url");
}

/**
 * The address as a key part of bounded length: a proxy-forwarded entry can be
 * any length, and a rate-limit key must fit PostgreSQL's index row. Anything
 * longer than a real address becomes a short hash of itself.
 */
function bounded(address: string): string {
  if (address.length <= MAX_ADDRESS_LENGTH) return address;
  return `sha256:${createHash("sha256").update(address).digest("hex").slice(0, 32)}`;
}
