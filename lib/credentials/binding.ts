import type { ModelRef } from "@/lib/models/model-ref";
import { normalizeBaseUrl, type CredentialKindName } from "./schemas";

/** Where a credential may be sent, as an admin bound it. */
export interface CredentialBinding {
  name: string;
  kind: CredentialKindName;
  /** openai and ollama keys: the one endpoint; null for the provider's own API (or the server's configured one). */
  baseUrl: string | null;
  /** http and mcp tokens: the hosts (`api.example.com`, `*.example.com`). */
  hosts: string[];
}

/** Whether `hostname` is one of `patterns` (`*.example.com` covers its subdomains, not itself). */
export function hostMatches(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  return patterns.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith("*.") ? host.endsWith(e.slice(1)) : host === e;
  });
}

const MODEL_KIND: Record<ModelRef["provider"], CredentialKindName> = {
  anthropic: "anthropic",
  openai: "openai",
  ollama: "ollama",
};

/**
 * Why a model may not use this credential, naming the model's field at fault
 * (`credentialId` or `baseUrl`), or null when it may. A key goes only to the
 * provider of its kind, and only to the endpoint it is bound to: with no
 * binding, the provider's own API (a model's `baseUrl` is then refused); with
 * one, that endpoint (the model may leave `baseUrl` out, or name the same one).
 */
export function modelBindingProblem(
  binding: CredentialBinding,
  ref: ModelRef,
): { field: "credentialId" | "baseUrl"; message: string } | null {
  const kind = MODEL_KIND[ref.provider];
  if (binding.kind !== kind) {
    return {
      field: "credentialId",
      message: `Credential "${binding.name}" is a ${binding.kind} credential; a ${ref.provider} model needs a ${kind} credential`,
    };
  }
  if (!ref.baseUrl) return null;
  const wanted = normalizeBaseUrl(ref.baseUrl);
  if (binding.baseUrl === null) {
    return {
      field: "baseUrl",
      message: `Credential "${binding.name}" may only be sent to ${ref.provider}'s own API, not to ${wanted}; an admin can bind it to an endpoint`,
    };
  }
  if (normalizeBaseUrl(binding.baseUrl) !== wanted) {
    return {
      field: "baseUrl",
      message: `Credential "${binding.name}" is bound to ${binding.baseUrl}, not ${wanted}`,
    };
  }
  return null;
}

/** Why a token may not be sent to `hostname`, or null when it may. */
export function hostBindingProblem(binding: CredentialBinding, hostname: string): string | null {
  if (hostMatches(hostname, binding.hosts)) return null;
  const bound = binding.hosts.length ? binding.hosts.join(", ") : "no hosts";
  return `Credential "${binding.name}" may only be sent to ${bound}, not ${hostname}`;
}
