import type { CredentialKind } from "@/lib/queries/types";

/** The kinds a credential can have, as the dashboard names them, in the order the form offers them. */
export const credentialKinds: readonly { value: CredentialKind; label: string; hint: string }[] = [
  { value: "anthropic", label: "Anthropic API key", hint: "Used by Anthropic models that name it." },
  { value: "openai", label: "OpenAI API key", hint: "Used by OpenAI and OpenAI-compatible models that name it." },
  {
    value: "ollama",
    label: "Ollama key",
    hint: "Used by Ollama models that name it, e.g. for an Ollama behind a gateway.",
  },
  { value: "http", label: "HTTP token", hint: "Sent by the http_request tool." },
  { value: "mcp", label: "MCP server token", hint: "Sent to an MCP server." },
  {
    value: "daytona",
    label: "Daytona API key",
    hint: "Creates the sandboxes agents' code runs in; sent only to its API URL (empty: Daytona's own).",
  },
];

export function kindLabel(kind: CredentialKind): string {
  return credentialKinds.find((k) => k.value === kind)?.label ?? kind;
}

/** How a list shows a secret: bullets and the last four characters, never more. */
export function maskedSecret(lastFour: string): string {
  return lastFour ? `•••• ${lastFour}` : "••••";
}
