import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Turns a host name into the addresses to connect to. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });

let current: Resolver = systemResolver;

/**
 * Where host names are resolved for outbound connections: the system resolver,
 * unless a test installs one that answers as a hostile DNS server would (a
 * public address first and loopback next). `undefined` restores the system's.
 */
export function setResolver(resolver: Resolver | undefined): void {
  current = resolver ?? systemResolver;
}

/** The addresses of `hostname` (an IP literal is its own answer). */
export async function resolveHost(hostname: string): Promise<ResolvedAddress[]> {
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  if (ipaddr.isValid(host)) return [{ address: host, family: host.includes(":") ? 6 : 4 }];
  return current(host);
}

/**
 * Whether an address is a public unicast one. Loopback, private (10/8,
 * 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10, where
 * cloud metadata lives), carrier-grade NAT, unspecified, multicast and
 * reserved ranges are not; an IPv4-mapped IPv6 address is judged as its IPv4.
 * Neither is an IPv4-compatible one (::/96, deprecated, e.g. `::7f00:1`),
 * which a system that still routes it would take to the IPv4 it embeds.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return ip.range() === "unicast";
}
