import { encodeModelRef, toModelRef, type ModelRef } from "@/lib/models/model-ref";
import { modelDisplay } from "@/lib/queries/workflow-graph";
import type { CredentialKind, CredentialReference } from "@/lib/queries/types";

/** The credential kind each model provider takes (as lib/credentials/binding.ts). */
const KIND_OF_PROVIDER: Record<ModelRef["provider"], CredentialKind> = {
  anthropic: "anthropic",
  openai: "openai",
  ollama: "ollama",
};

/** The model a field's text names (the id, or the object's JSON); blank is the workflow's default. */
export function modelOfText(text: string, defaultModel: string): ModelRef {
  return toModelRef(text.trim() || defaultModel);
}

/** The credentials a model may use: those of its provider's kind. */
export function credentialsForModel(
  credentials: readonly CredentialReference[],
  text: string,
  defaultModel: string,
): CredentialReference[] {
  const kind = KIND_OF_PROVIDER[modelOfText(text, defaultModel).provider];
  return credentials.filter((c) => c.kind === kind);
}

/** The credential id a model's text names, or "" for the server's key. */
export function credentialIdOf(text: string, defaultModel: string): string {
  return modelOfText(text, defaultModel).credentialId ?? "";
}

/**
 * The model's text once `credential` is picked (null: the server's key again).
 * A picked key decides the endpoint: the one it is bound to, or its provider's
 * own API, so the model names no baseUrl of its own (the API would refuse any
 * other). A blank field takes the workflow's default model, since a key is
 * given with a model.
 */
export function withCredential(text: string, defaultModel: string, credential: CredentialReference | null): string {
  if (!credential && !text.trim()) return "";
  const ref: ModelRef = { ...modelOfText(text, defaultModel) };
  if (credential) {
    ref.credentialId = credential.id;
    delete ref.baseUrl;
  } else {
    delete ref.credentialId;
  }
  return encodeModelRef(ref);
}

/** The http credentials a node's or agent's http_request calls may send. */
export function httpCredentials(credentials: readonly CredentialReference[]): CredentialReference[] {
  return credentials.filter((c) => c.kind === "http");
}

/** `ids` with `id` added or removed, in the order the credentials are listed. */
export function toggleCredential(
  ids: readonly string[],
  id: string,
  on: boolean,
  order: readonly CredentialReference[],
): string[] {
  const set = new Set(ids);
  if (on) set.add(id);
  else set.delete(id);
  const listed = order.map((c) => c.id).filter((c) => set.has(c));
  // Ids the list does not show (a credential since deleted) stay, for the API to name.
  return [...listed, ...ids.filter((c) => set.has(c) && !listed.includes(c))];
}

/** A model's text as a short label: `gpt-4o · own key` rather than its object's JSON. */
export function modelSummary(text: string): string {
  return modelDisplay(toModelRef(text.trim()));
}
