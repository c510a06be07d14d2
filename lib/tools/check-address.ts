import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { ToolError } from "./errors";

/**
 * Whether an address is a public unicast one. Loopback, private (10/8,
 * 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10, where
 * cloud metadata lives), carrier-grade NAT, unspecified, multicast and
 * reserved ranges are not; an IPv4-mapped IPv6 address is judged as its IPv4.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/**
 * Resolves a host name (or takes an IP literal) and refuses it unless every
 * address it resolves to is public, so a name pointing at 127.0.0.1 or an
 * internal service is refused the same as the address itself. Non-public
 * addresses for which `allowPrivate` answers true pass (with
 * ALLOW_PRIVATE_TOOL_ENDPOINTS=1 it answers true for all: local test servers).
 */
export async function resolvePublic(
  hostname: string,
  allowPrivate: (address: string) => boolean,
): Promise<ResolvedAddress[]> {
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host, { all: true });
    } catch {
      throw new ToolError(`Could not resolve ${host}`);
    }
  }
  if (addresses.length === 0) throw new ToolError(`Could not resolve ${host}`);
  const blocked = addresses.find((a) => !isPublicAddress(a.address) && !allowPrivate(a.address));
  if (blocked) {
    throw new ToolError(
      `${host} resolves to ${blocked.address}, a private, loopback or link-local address; tools may only reach public addresses`,
    );
  }
  return addresses;
}
