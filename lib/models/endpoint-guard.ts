import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { PermanentModelError } from "./errors";
import { isPrivateAddress } from "./private-address";

export { isPrivateAddress };

/**
 * Why a model endpoint may not be used, or null when it may: a `baseUrl` whose
 * host is, or resolves to, a private, loopback or link-local address is refused
 * (a member could otherwise point a model at an internal service) unless the
 * operator sets ALLOW_PRIVATE_MODEL_ENDPOINTS=1. Checked when a model is saved
 * and again before every call, since a name may resolve differently later.
 */
export async function privateEndpointProblem(baseUrl: string): Promise<string | null> {
  if (env().ALLOW_PRIVATE_MODEL_ENDPOINTS === "1") return null;
  let host: string;
  try {
    host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return `baseUrl ${baseUrl} is not a URL`;
  }
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return `baseUrl host ${host} does not resolve`;
    }
  }
  const bad = addresses.find(isPrivateAddress);
  if (!bad) return null;
  const where = bad === host ? host : `${host} (${bad})`;
  return `baseUrl ${where} is a private or loopback address; model endpoints must be public unless the server sets ALLOW_PRIVATE_MODEL_ENDPOINTS=1`;
}

/** Throws a PermanentModelError when the endpoint may not be called. */
export async function assertPublicEndpoint(baseUrl: string): Promise<void> {
  const problem = await privateEndpointProblem(baseUrl);
  if (problem) throw new PermanentModelError(problem, 400);
}
