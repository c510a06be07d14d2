"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { END } from "@/lib/graph/types";
import { ModelKeyPicker, ToolCredentialsPicker } from "../credential-picker";
import { MODEL_LIST_ID } from "../model-suggestions";
import { newKey, updateEdge, updateNode, type Draft, type DraftEdge, type DraftNode, type WhenKind } from "./draft";
import { fieldError, type ProblemIndex } from "./validate";
import { ToneInput } from "./tone-input";

export const OUTPUT_TYPES_LIST_ID = "graph-output-types";
const OUTPUT_TYPES = ["str", "int", "number", "bool", "url", "list[str]", "enum[a, b]"];

/** Render once beside the editor: output type inputs suggest these. */
export function OutputTypeSuggestions() {
  return (
    <datalist id={OUTPUT_TYPES_LIST_ID}>
      {OUTPUT_TYPES.map((t) => (
        <option key={t} value={t} />
      ))}
    </datalist>
  );
}

function approverText(roles: readonly string[] | undefined): string {
  if (!roles?.length) return "a member";
  return `${/^[aeiou]/.test(roles[0]!) ? "an" : "a"} ${roles.join(" or ")}`;
}

function timeoutText(then: "reject" | "approve" | "fail"): string {
  return { fail: "the run fails", reject: "it is rejected", approve: "it is approved" }[then];
}

export const connectSelectId = (key: string) => `connect-${key}`;
export const nodeFieldId = (key: string, field: string) => `node-${key}-${field}`;

interface Props {
  draft: Draft;
  node: DraftNode;
  problems: ProblemIndex;
  defaultModel: string;
  /** The edge chosen on the canvas: its row is outlined. */
  highlightEdge?: string | null;
  onChange: (update: (draft: Draft) => Draft) => void;
  onConnect: (from: string, to: string) => void;
  onRemoveEdge: (key: string) => void;
  onDelete: (key: string) => void;
}

function label(draft: Draft, key: string): string {
  if (key === END) return "END";
  return draft.nodes.find((n) => n.key === key)?.id || "(no id)";
}

function EdgeRow({
  draft,
  edge,
  source,
  problems,
  highlight,
  onChange,
  onRemove,
}: {
  draft: Draft;
  edge: DraftEdge;
  source: DraftNode;
  problems: ProblemIndex;
  highlight: boolean;
  onChange: Props["onChange"];
  onRemove: () => void;
}) {
  const set = (patch: Partial<DraftEdge>) => onChange((d) => updateEdge(d, edge.key, patch));
  const error = fieldError(problems, "edge", edge.key, "when") ?? fieldError(problems, "edge", edge.key, "to");
  const name = `${source.id || "node"} to ${label(draft, edge.to)}`;
  return (
    <li
      data-testid="edge-row"
      data-edge={edge.key}
      className={`space-y-2 rounded-md border p-2.5 ${
        error ? "border-red-300 bg-red-50/40" : highlight ? "border-accent" : "border-zinc-200"
      }`}
    >
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-end gap-2">
        <Field label="Goes to">
          <Select
            value={edge.to}
            onChange={(e) => set({ to: e.target.value })}
            aria-label={`Target of the edge ${name}`}
          >
            {draft.nodes.map((n) => (
              <option key={n.key} value={n.key}>
                {n.id || "(no id)"}
              </option>
            ))}
            <option value={END}>END</option>
          </Select>
        </Field>
        <Button
          variant="danger-ghost"
          size="sm"
          className="mb-1"
          onClick={onRemove}
          aria-label={`Remove the edge ${name}`}
        >
          Remove
        </Button>
      </div>
      <Field
        label="Taken"
        error={error}
        hint={
          edge.when === "always"
            ? "Beside conditional edges this is the default; several are taken in parallel."
            : undefined
        }
      >
        <Select
          value={edge.when}
          onChange={(e) => set({ when: e.target.value as WhenKind })}
          aria-label={`Condition of the edge ${name}`}
        >
          <option value="always">Always</option>
          <option value="text">When the answer is…</option>
          <option value="field">When a typed field equals…</option>
        </Select>
      </Field>
      {edge.when === "text" ? (
        <Field label="Answer" hint="Matched trimmed and case-insensitive.">
          <Input value={edge.text} onChange={(e) => set({ text: e.target.value })} maxLength={200} />
        </Field>
      ) : null}
      {edge.when === "field" ? (
        <div className="grid grid-cols-2 gap-2">
          <Field label="Field">
            <Select value={edge.field} onChange={(e) => set({ field: e.target.value })}>
              <option value="">Choose…</option>
              {source.output.map((f) => (
                <option key={f.key} value={f.name.trim()}>
                  {f.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Equals">
            <Input value={edge.equals} onChange={(e) => set({ equals: e.target.value })} maxLength={200} />
          </Field>
        </div>
      ) : null}
    </li>
  );
}

/** One node's fields: id, role, prompt, model, join, typed output, and the edges leaving it. */
export function NodeFields({
  draft,
  node,
  problems,
  defaultModel,
  highlightEdge,
  onChange,
  onConnect,
  onRemoveEdge,
  onDelete,
}: Props) {
  const [target, setTarget] = useState("");
  const set = (patch: Partial<DraftNode>) => onChange((d) => updateNode(d, node.key, patch));
  const err = (field: string) => fieldError(problems, "node", node.key, field);
  const out = draft.edges.filter((e) => e.from === node.key);
  const incoming = draft.edges.filter((e) => e.to === node.key).map((e) => label(draft, e.from));
  const start = draft.start === node.key;
  const targets = [...draft.nodes.filter((n) => n.key !== node.key), null];
  const nodeName = node.id || "this node";
  const approval = node.kept.kind === "approval";
  // Problems about fields this form does not show (emits, tools…) are listed at the top.
  const shown = new Set(["id", "role", "systemPrompt", "model", "output", "join", "responseTone"]);
  const other = (problems.nodes.get(node.key) ?? []).filter(
    (p) => !shown.has(p.target.field) && !p.target.field.startsWith("output."),
  );

  return (
    <div className="space-y-4" data-testid="node-fields">
      <div className="flex flex-wrap items-center gap-2">
        {start ? <Badge>Start</Badge> : null}
        {approval ? <Badge tone="accent">Approval</Badge> : null}
        {incoming.length ? (
          <p className="text-xs text-zinc-600">From: {incoming.join(", ")}</p>
        ) : start ? null : (
          <p className="text-xs text-zinc-600">Nothing leads here yet.</p>
        )}
      </div>
      {other.map((p, i) => (
        <p key={i} role="alert" className="text-xs font-medium text-red-600">
          {p.message}
        </p>
      ))}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Id" hint="Used in templates: {{ id.output }}." error={err("id")}>
          <Input
            id={nodeFieldId(node.key, "id")}
            value={node.id}
            onChange={(e) => set({ id: e.target.value })}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label="Role" error={err("role")}>
          <Input
            id={nodeFieldId(node.key, "role")}
            value={node.role}
            onChange={(e) => set({ role: e.target.value })}
            maxLength={60}
          />
        </Field>
      </div>
      {approval ? (
        <p className="text-xs text-zinc-600" data-testid="approval-note">
          A person answers this node: the run waits until {approverText(node.kept.approvers)} approves or rejects it on
          the run page or through the API
          {node.kept.timeout ? ` (after ${node.kept.timeout.after} ${timeoutText(node.kept.timeout.then)})` : ""}. Its
          edges take approved and rejected; it calls no model.
        </p>
      ) : null}
      <Field
        label={approval ? "Question" : "System prompt"}
        hint="Templates: {{ input }}, {{ <node>.output }}, {{ <node>.<field> }}."
        error={err("systemPrompt")}
      >
        <Textarea
          id={nodeFieldId(node.key, "systemPrompt")}
          value={node.systemPrompt}
          onChange={(e) => set({ systemPrompt: e.target.value })}
          rows={5}
        />
      </Field>
      <Field label="Model" hint={`Leave empty to use the workflow default, ${defaultModel}.`} error={err("model")}>
        <Input
          id={nodeFieldId(node.key, "model")}
          value={node.model}
          onChange={(e) => set({ model: e.target.value })}
          list={MODEL_LIST_ID}
          maxLength={1000}
          placeholder={defaultModel}
        />
      </Field>
      <Field label="Response tone" hint="Leave empty to use the workflow's tone." error={err("responseTone")}>
        <ToneInput
          id={nodeFieldId(node.key, "responseTone")}
          value={node.responseTone}
          placeholder={draft.responseTone.trim() || "none"}
          onChange={(responseTone) => set({ responseTone })}
        />
      </Field>
      <ModelKeyPicker
        id={nodeFieldId(node.key, "credential")}
        model={node.model}
        defaultModel={defaultModel}
        onChange={(model) => set({ model })}
        error={err("model.credentialId") ?? err("model.baseUrl")}
      />
      {node.kept.skills?.length || node.kept.sandbox || node.kept.runtime ? (
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600" data-testid="node-project-agent">
          {node.kept.skills?.length ? (
            <span>
              Skills: <span className="font-mono">{node.kept.skills.join(", ")}</span>
            </span>
          ) : null}
          {node.kept.sandbox ? (
            <span>
              Sandbox: <span className="font-mono">{node.kept.sandbox}</span>
            </span>
          ) : null}
          {node.kept.runtime ? (
            <span>
              Runtime: <span className="font-mono">{node.kept.runtime}</span>
            </span>
          ) : null}
          <span className="text-zinc-500">(from the project&apos;s registry.yml; change them there and push)</span>
        </p>
      ) : null}
      {node.kept.tools?.includes("http_request") || node.kept.credentials?.length ? (
        <ToolCredentialsPicker
          selected={node.kept.credentials ?? []}
          onChange={(ids) => {
            const { credentials: _dropped, ...rest } = node.kept;
            set({ kept: ids.length ? { ...rest, credentials: ids } : rest });
          }}
        />
      ) : null}
      <div className="flex flex-wrap gap-x-5 gap-y-2 text-sm text-zinc-800">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={node.join}
            onChange={(e) => set({ join: e.target.checked })}
            className="size-4 accent-accent"
          />
          Join: wait for every parallel branch
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={start}
            disabled={start}
            onChange={() => onChange((d) => ({ ...d, start: node.key }))}
            className="size-4 accent-accent"
          />
          Start node
        </label>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-900">Typed output</legend>
        <p className="text-xs text-zinc-600">
          With fields, the node answers JSON with them; edges can test a field and prompts can use {"{{ id.field }}"}.
        </p>
        {err("output") ? <p className="text-xs font-medium text-red-600">{err("output")}</p> : null}
        <ul className="space-y-2">
          {node.output.map((f, i) => {
            const error = err(`output.${f.key}`);
            const update = (patch: { name?: string; type?: string }) =>
              set({ output: node.output.map((o) => (o.key === f.key ? { ...o, ...patch } : o)) });
            return (
              <li key={f.key} data-testid="output-field">
                <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-center gap-2">
                  <Input
                    value={f.name}
                    onChange={(e) => update({ name: e.target.value })}
                    aria-label={`Output field ${i + 1} name`}
                    aria-invalid={error ? true : undefined}
                    placeholder="name"
                    maxLength={40}
                  />
                  <Input
                    value={f.type}
                    onChange={(e) => update({ type: e.target.value })}
                    aria-label={`Output field ${i + 1} type`}
                    aria-invalid={error ? true : undefined}
                    list={OUTPUT_TYPES_LIST_ID}
                    maxLength={400}
                  />
                  <Button
                    variant="danger-ghost"
                    size="sm"
                    onClick={() => set({ output: node.output.filter((o) => o.key !== f.key) })}
                    aria-label={`Remove output field ${f.name || i + 1}`}
                  >
                    Remove
                  </Button>
                </div>
                {error ? <p className="mt-1 text-xs font-medium text-red-600">{error}</p> : null}
              </li>
            );
          })}
        </ul>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => set({ output: [...node.output, { key: newKey("f"), name: "", type: "str" }] })}
        >
          Add output field
        </Button>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-900">Edges from {nodeName}</legend>
        {out.length ? (
          <ul className="space-y-2">
            {out.map((e) => (
              <EdgeRow
                key={e.key}
                draft={draft}
                edge={e}
                source={node}
                problems={problems}
                highlight={highlightEdge === e.key}
                onChange={onChange}
                onRemove={() => onRemoveEdge(e.key)}
              />
            ))}
          </ul>
        ) : (
          <p className="text-xs text-zinc-600">No edges yet: connect it to a node or to END.</p>
        )}
        <div className="flex items-end gap-2">
          <Field label="Connect to…" className="min-w-0 flex-1">
            <Select id={connectSelectId(node.key)} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose…</option>
              {targets.map((n) =>
                n ? (
                  <option key={n.key} value={n.key}>
                    {n.id || "(no id)"}
                  </option>
                ) : (
                  <option key={END} value={END}>
                    END
                  </option>
                ),
              )}
            </Select>
          </Field>
          <Button
            variant="secondary"
            className="mb-0"
            disabled={!target}
            onClick={() => {
              onConnect(node.key, target);
              setTarget("");
            }}
          >
            Add edge
          </Button>
        </div>
      </fieldset>

      <div className="border-t border-zinc-100 pt-3">
        <Button variant="danger-ghost" size="sm" onClick={() => onDelete(node.key)}>
          Delete node {node.id}
        </Button>
      </div>
    </div>
  );
}
