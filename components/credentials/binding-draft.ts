import type { Credential, CredentialKind, CredentialReference } from "@/lib/queries/types";

/** What a binding is, in the words the forms use. */
export const BINDING_HELP =
  "A binding says where the secret may go: the key is sent only to this endpoint, never elsewhere.";

/** Kinds bound to one model endpoint, and kinds bound to hosts (as lib/credentials/schemas.ts). */
export const takesBaseUrl = (kind: CredentialKind) => kind === "openai" || kind === "ollama" || kind === "daytona";
export const takesHosts = (kind: CredentialKind) => kind === "http" || kind === "mcp";

/** `api.example.com, *.example.com` or one a line → the list the API takes, without blanks. */
export function parseHosts(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((h) => h.trim())
    .filter(Boolean);
}

export interface BindingDraft {
  baseUrl: string;
  hosts: string;
}

export function draftOf(credential: Pick<Credential, "baseUrl" | "hosts">): BindingDraft {
  return { baseUrl: credential.baseUrl ?? "", hosts: credential.hosts.join("\n") };
}

/** The binding fields of a create request for this kind (an empty baseUrl means the provider's own API). */
export function bindingForCreate(kind: CredentialKind, draft: BindingDraft): { baseUrl?: string; hosts?: string[] } {
  if (takesBaseUrl(kind)) return draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {};
  if (takesHosts(kind)) return { hosts: parseHosts(draft.hosts) };
  return {};
}

/** The PATCH body for what changed: the name, and the binding of its kind (baseUrl null: back to the provider's API). */
export function credentialChanges(
  credential: Pick<Credential, "name" | "kind" | "baseUrl" | "hosts">,
  name: string,
  draft: BindingDraft,
): { name?: string; baseUrl?: string | null; hosts?: string[] } {
  const out: { name?: string; baseUrl?: string | null; hosts?: string[] } = {};
  if (name.trim() !== credential.name) out.name = name;
  if (takesBaseUrl(credential.kind)) {
    const next = draft.baseUrl.trim() || null;
    if (next !== credential.baseUrl) out.baseUrl = next;
  }
  if (takesHosts(credential.kind)) {
    const next = parseHosts(draft.hosts);
    if (next.join("\n") !== credential.hosts.join("\n")) out.hosts = next;
  }
  return out;
}

/** Where a credential may be sent, in a few words: "api.github.com, *.example.com", "Anthropic's API". */
export function describeBinding(credential: Pick<CredentialReference, "kind" | "baseUrl" | "hosts">): string {
  if (takesHosts(credential.kind)) return credential.hosts.length ? credential.hosts.join(", ") : "No hosts";
  if (credential.baseUrl) return credential.baseUrl;
  if (credential.kind === "ollama") return "The server's Ollama";
  return credential.kind === "anthropic" ? "Anthropic's API" : "OpenAI's API";
}

/** The first error the API gave for a binding field (`hosts.1` counts as `hosts`). */
export function bindingError(fieldErrors: Record<string, string>, field: "baseUrl" | "hosts"): string | undefined {
  const key = Object.keys(fieldErrors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? fieldErrors[key] : undefined;
}
