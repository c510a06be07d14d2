"use client";

import { describeBinding } from "@/components/credentials/binding-draft";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useCredentialReferences } from "@/lib/queries/use-credentials";
import {
  credentialIdOf,
  credentialsForModel,
  httpCredentials,
  modelOfText,
  toggleCredential,
  withCredential,
} from "./credential-choice";

/**
 * Which key a model uses: the server's, or a workspace credential of its
 * provider's kind, named with where it is bound. Picking one rewrites the
 * model's text (its object) through `onChange`.
 */
export function ModelKeyPicker({
  id,
  model,
  defaultModel,
  onChange,
  error,
}: {
  id?: string;
  model: string;
  defaultModel: string;
  onChange: (model: string) => void;
  error?: string;
}) {
  const { workspace } = useCurrentWorkspace();
  const references = useCredentialReferences(workspace.slug);
  const all = references.data ?? [];
  const fitting = credentialsForModel(all, model, defaultModel);
  const current = credentialIdOf(model, defaultModel);
  const provider = modelOfText(model, defaultModel).provider;
  const missing = current && !all.some((c) => c.id === current);
  const hint = references.isError
    ? "Could not load the workspace's credentials."
    : fitting.length === 0 && !current
      ? `No ${provider} credentials in this workspace yet; an owner or admin can add one under Settings → Credentials.`
      : "A credential is sent only where an admin bound it; the model uses that endpoint.";
  return (
    <Field label="API key" hint={hint} error={error}>
      <Select
        id={id}
        value={current}
        onChange={(e) =>
          onChange(withCredential(model, defaultModel, all.find((c) => c.id === e.target.value) ?? null))
        }
        data-field="credential"
      >
        <option value="">The server&apos;s key</option>
        {missing ? <option value={current}>{`Unknown credential ${current}`}</option> : null}
        {fitting.map((c) => (
          <option key={c.id} value={c.id}>
            {`${c.name} · ${describeBinding(c)}`}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The http credentials an http_request tool call may send: checkboxes, each with the hosts it is bound to. */
export function ToolCredentialsPicker({
  selected,
  onChange,
  error,
}: {
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { workspace } = useCurrentWorkspace();
  const references = useCredentialReferences(workspace.slug);
  const offered = httpCredentials(references.data ?? []);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-zinc-900">Credentials for http_request</legend>
      {offered.length === 0 ? (
        <p className="text-xs text-zinc-500">
          No HTTP tokens in this workspace yet; an owner or admin can add one under Settings → Credentials.
        </p>
      ) : (
        <ul className="space-y-1.5">
          {offered.map((c) => (
            <li key={c.id}>
              <label className="flex items-start gap-2 text-sm text-zinc-800">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-accent"
                  checked={selected.includes(c.id)}
                  onChange={(e) => onChange(toggleCredential(selected, c.id, e.target.checked, offered))}
                />
                <span className="min-w-0 break-words">
                  {c.name} <span className="text-xs text-zinc-500">· sent only to {describeBinding(c)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error ? <p className="text-xs font-medium text-red-600">{error}</p> : null}
    </fieldset>
  );
}
