import "server-only";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, verifiedClientAddress } from "./stamp-client-address";

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * The address of the client that sent a request, as a rate-limit key.
 *
 * Route handlers never see the socket, and Next's own server passes a
 * client-sent X-Forwarded-For on untouched. So the address comes from the
 * header our server (scripts/serve.ts, behind `npm start` and `npm run dev`)
 * writes on every request from the socket and TRUSTED_PROXY_HOPS (see
 * resolveClientAddress), signed with the key only it made. A header that does
 * not verify (a server started another way, which production refuses at
 * start-up, or a client's own copy) gives the one shared "unknown" address:
 * never an address the client chose.
 */
export function clientAddress(headers: HeaderSource): string {
  const address = verifiedClientAddress(header(headers, CLIENT_ADDRESS_HEADER), env().CLIENT_ADDRESS_KEY);
  return address ? addressKey(address) : "unknown";
}

/**
 * One key per client: an IPv6 address by its /64, since one subscriber or
 * machine is given a whole /64 and can take a new address in it for every
 * request (each would otherwise get its own sign-in limit and its own first
 * sign-up of the hour); an IPv4-mapped IPv6 address by its IPv4, as the same
 * client reaching an IPv4 socket.
 */
function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === "ipv4") return ip.toString();
  return `${(ip as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(":")}::/64`;
}
