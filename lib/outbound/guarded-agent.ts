import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { isPublicAddress, resolveHost, type ResolvedAddress } from "./resolve";

/**
 * The one way out to a host a user named: model endpoints, MCP servers,
 * `http_request`. Every connection goes through an undici Agent whose connector
 * resolves the host itself and refuses it unless every address is public, then
 * connects to exactly those addresses. Checking and connecting use one answer,
 * so a name that resolves to a public address when saved and to 127.0.0.1 or
 * 169.254.169.254 when called (DNS rebinding) is refused at the connection.
 */

/** A connection refused because of where it would go; never worth retrying. */
export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

export interface OutboundPolicy {
  /** What connects, for messages: "model endpoints", "MCP servers", "tools". */
  purpose: string;
  /**
   * Non-public addresses that may be reached anyway: all with
   * ALLOW_PRIVATE_*_ENDPOINTS=1 (local servers), or those a predicate lets
   * through (a test's own server).
   */
  allowPrivate: boolean | ((address: string) => boolean);
  /** Ends the refusal's message, e.g. how an operator allows private addresses. */
  hint?: string;
}

function strip(host: string): string {
  return host.replace(/^\[(.*)\]$/, "$1");
}

/** The addresses, or a BlockedAddressError naming the first one the policy refuses. */
export function checkAddresses(host: string, addresses: ResolvedAddress[], policy: OutboundPolicy): ResolvedAddress[] {
  if (addresses.length === 0) throw new BlockedAddressError(`Could not resolve ${host}`);
  const allowed = policy.allowPrivate;
  const blocked = addresses.find(
    (a) => !isPublicAddress(a.address) && !(typeof allowed === "function" ? allowed(a.address) : allowed),
  );
  if (blocked) {
    const where = blocked.address === host ? host : `${host} (${blocked.address})`;
    throw new BlockedAddressError(
      `${where} is a private, loopback or link-local address; ${policy.purpose} may only reach public addresses` +
        (policy.hint ? ` ${policy.hint}` : ""),
    );
  }
  return addresses;
}

/** Resolves and checks a host: what a save-time check calls; connections check again on their own. */
export async function resolveChecked(hostname: string, policy: OutboundPolicy): Promise<ResolvedAddress[]> {
  const host = strip(hostname);
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolveHost(host);
  } catch {
    throw new BlockedAddressError(`Could not resolve ${host}`);
  }
  return checkAddresses(host, addresses, policy);
}

function checkingLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, policy).then(
      (found) => {
        const fitting = options.family ? found.filter((a) => a.family === options.family) : found;
        const list: LookupAddress[] = fitting.length ? fitting : found;
        if (options.all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}

const agents = new Map<string, Agent>();

/**
 * The Agent for a policy (one per policy, so connections are pooled). Its
 * response timeouts are off: every caller bounds its own call with a signal.
 */
export function guardedAgent(policy: OutboundPolicy): Agent {
  // A predicate policy is a test's: it gets an Agent of its own.
  const key = typeof policy.allowPrivate === "boolean" ? `${policy.purpose}:${policy.allowPrivate}` : null;
  let agent = key ? agents.get(key) : undefined;
  if (agent) return agent;
  const connect = buildConnector({ lookup: checkingLookup(policy) });
  agent = new Agent({
    headersTimeout: 0,
    bodyTimeout: 0,
    connect(options, callback) {
      // Node's socket does not look up an IP literal: check it here.
      const host = strip(options.hostname);
      if (net.isIP(host)) {
        try {
          checkAddresses(host, [{ address: host, family: net.isIP(host) }], policy);
        } catch (err) {
          callback(err as Error, null);
          return;
        }
      }
      connect(options, callback);
    },
  });
  if (key) agents.set(key, agent);
  return agent;
}

/**
 * Whether a credential may go to `url` over plain http: only to a loopback or
 * private literal address the operator allows (a local test server or Ollama).
 */
export function plainHttpAllowed(url: URL, policy: OutboundPolicy): boolean {
  if (url.protocol === "https:") return true;
  const host = strip(url.hostname);
  if (host === "localhost") return policy.allowPrivate === true;
  if (!ipaddr.isValid(host) || isPublicAddress(host)) return false;
  return typeof policy.allowPrivate === "function" ? policy.allowPrivate(host) : policy.allowPrivate;
}

/** The BlockedAddressError somewhere in an error's cause chain (fetch wraps connect errors). */
export function blockedCause(err: unknown): BlockedAddressError | null {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof BlockedAddressError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * A `fetch` for an SDK (OpenAI, MCP) that connects only through the guarded
 * Agent. With `credentialed`, the request carries a workspace secret: it is
 * refused over plain http and never follows a redirect, so the secret reaches
 * only the endpoint it is bound to.
 */
export function guardedFetch(policy: OutboundPolicy, options: { credentialed: boolean }): typeof fetch {
  const dispatcher = guardedAgent(policy);
  const guarded = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (options.credentialed && !plainHttpAllowed(url, policy)) {
      throw new BlockedAddressError(`A credential is only sent over https; ${url.origin} is plain http`);
    }
    // undici's own fetch, so the Agent and the fetch come from one undici; its
    // RequestInit and Response are the standard ones under other type names.
    return undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
      ...(options.credentialed ? { redirect: "error" as const } : {}),
    }) as unknown as Promise<Response>;
  };
  return guarded as typeof fetch;
}
