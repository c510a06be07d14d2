"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { CredentialKind } from "@/lib/queries/types";
import { BINDING_HELP, takesBaseUrl, takesHosts, type BindingDraft } from "./binding-draft";

/** The binding a kind takes: an endpoint for openai and ollama keys, hosts for http and mcp tokens, none for anthropic. */
export function BindingFields({
  kind,
  draft,
  onChange,
  errors,
}: {
  kind: CredentialKind;
  draft: BindingDraft;
  onChange: (draft: BindingDraft) => void;
  errors: { baseUrl?: string; hosts?: string };
}) {
  if (takesBaseUrl(kind)) {
    const own = kind === "openai" ? "OpenAI's own API" : "the server's Ollama (OLLAMA_BASE_URL)";
    return (
      <Field
        label="Endpoint (optional)"
        hint={`${BINDING_HELP} Leave it empty for ${own}; a model using this key may then name no other base URL.`}
        error={errors.baseUrl}
      >
        <Input
          type="url"
          inputMode="url"
          placeholder="https://gateway.example.com/v1"
          value={draft.baseUrl}
          onChange={(e) => onChange({ ...draft, baseUrl: e.target.value })}
          maxLength={500}
        />
      </Field>
    );
  }
  if (takesHosts(kind)) {
    return (
      <Field
        label="Hosts"
        hint={`${BINDING_HELP} Name each host the token may be sent to, one a line or separated by commas: api.example.com, or *.example.com for its subdomains.`}
        error={errors.hosts}
      >
        <Textarea
          rows={2}
          placeholder="api.github.com"
          value={draft.hosts}
          onChange={(e) => onChange({ ...draft, hosts: e.target.value })}
          required
        />
      </Field>
    );
  }
  return (
    <p className="text-xs text-zinc-500">
      An Anthropic key is sent only to Anthropic&apos;s API; it takes no other binding.
    </p>
  );
}
