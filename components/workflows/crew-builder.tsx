"use client";

import { useEffect, useLayoutEffect, useRef, useState, type DragEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useSaveCrew } from "@/lib/queries/use-workflows";
import { modelText, workflowCrew } from "@/lib/queries/workflow-graph";
import type { Workflow } from "@/lib/queries/workflow-types";
import { AgentCard } from "./agent-card";
import {
  crewFieldErrors,
  crewBody,
  fromDraft,
  moveItem,
  newKey,
  sameCrew,
  toDraft,
  type AgentField,
  type DraftAgent,
} from "./crew-draft";
import { TonePresets, ToneInput } from "./graph-editor/tone-input";
import { ModelSuggestions } from "./model-suggestions";

const MAX_AGENTS = 10;

/**
 * Edits the crew: add, remove, reorder (drag, buttons or Alt+Arrow keys) and
 * change each agent's role, prompt and model. Saving makes a new version.
 */
export function CrewBuilder({
  slug,
  workflow,
  onDirtyChange,
}: {
  slug: string;
  workflow: Workflow;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const save = useSaveCrew(slug, workflow.id);
  const [draft, setDraft] = useState<DraftAgent[]>(() => toDraft(workflowCrew(workflow)));
  const [note, setNote] = useState("");
  const savedTone = workflow.graph.responseTone ?? "";
  const [tone, setTone] = useState(savedTone);
  const [version, setVersion] = useState(workflow.currentVersion);
  const [announcement, setAnnouncement] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ from: number; over: number } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const refocus = useRef<{ key: string; selectors: string[] } | null>(null);

  // A new current version (saved here, restored, or changed elsewhere) resets the draft.
  if (workflow.currentVersion !== version) {
    setVersion(workflow.currentVersion);
    setDraft(toDraft(workflowCrew(workflow)));
    setTone(savedTone);
  }

  // Moving a card re-inserts its DOM node, which drops focus: put it back.
  useLayoutEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const card = list.current?.querySelector<HTMLElement>(`[data-key="${target.key}"]`);
    for (const selector of target.selectors) {
      const el = card?.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
  }, [draft]);

  const dirty = !sameCrew(fromDraft(draft), crewBody(workflowCrew(workflow))) || tone.trim() !== savedTone;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const { agents: agentErrors, crew: crewError } = crewFieldErrors(fields);
  const generalError = save.error && agentErrors.size === 0 && !crewError ? errorMessage(save.error) : null;

  function update(index: number, field: AgentField, value: string) {
    setSaved(null);
    setDraft((d) => d.map((a, i) => (i === index ? { ...a, [field]: value } : a)));
  }

  function move(from: number, to: number) {
    if (to < 0 || to >= draft.length || from === to) return;
    const agent = draft[from]!;
    const active = document.activeElement;
    const card = active instanceof HTMLElement ? active.closest<HTMLElement>("[data-key]") : null;
    if (active instanceof HTMLElement && card) {
      const field = active.dataset.field;
      const label = active.getAttribute("aria-label");
      const selectors = field
        ? [`[data-field="${field}"]`]
        : label?.startsWith("Move")
          ? [`[aria-label$="${to < from ? "up" : "down"}"]:not(:disabled)`, `[data-testid="drag-handle"]`]
          : [`[data-testid="drag-handle"]`];
      refocus.current = { key: card.dataset.key!, selectors };
    }
    setSaved(null);
    setDraft((d) => moveItem(d, from, to));
    setAnnouncement(`${agent.role.trim() || "Agent"} moved to position ${to + 1} of ${draft.length}.`);
  }

  function remove(index: number) {
    const agent = draft[index]!;
    setSaved(null);
    setDraft((d) => d.filter((_, i) => i !== index));
    setAnnouncement(`${agent.role.trim() || "Agent"} removed. Save to keep the change.`);
  }

  function add() {
    const key = newKey();
    refocus.current = { key, selectors: ['[data-field="role"]'] };
    setSaved(null);
    setDraft((d) => [...d, { key, role: "", systemPrompt: "", model: "", credentials: [], responseTone: "" }]);
  }

  function submit() {
    setSaved(null);
    save.mutate(
      { crew: fromDraft(draft), note: note.trim() || undefined, responseTone: tone.trim() || undefined },
      {
        onSuccess: (r) => {
          setNote("");
          setSaved(r.created ? `Saved as version ${r.version}.` : "No changes: the crew matches the current version.");
        },
      },
    );
  }

  function onDragStart(index: number, e: DragEvent<HTMLElement>) {
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", draft[index]!.key);
    const card = e.currentTarget.closest("li");
    if (card) e.dataTransfer.setDragImage(card, 24, 24);
    setDrag({ from: index, over: index });
  }

  function onDragOver(index: number, e: DragEvent<HTMLElement>) {
    if (!drag) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    if (drag.over !== index) setDrag({ ...drag, over: index });
  }

  function onDrop(index: number, e: DragEvent<HTMLElement>) {
    if (!drag) return;
    e.preventDefault();
    move(drag.from, index);
    setDrag(null);
  }

  return (
    <Card>
      <CardHeader
        title="Crew"
        description={`Agents run top to bottom. Each sees the input and the output of the agents before it. Version ${workflow.currentVersion}.`}
        actions={
          dirty ? (
            <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
              Unsaved changes
            </span>
          ) : null
        }
      />
      <div className="space-y-4 p-4 sm:p-5">
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        {crewError ? <Alert tone="error">{crewError}</Alert> : null}
        <ol ref={list} className="space-y-3" aria-label="Agents in run order">
          {draft.map((agent, index) => (
            <AgentCard
              key={agent.key}
              agent={agent}
              index={index}
              count={draft.length}
              defaultModel={modelText(workflow.model)}
              errors={agentErrors.get(index)}
              dragging={drag?.from === index}
              dropTarget={drag !== null && drag.over === index && drag.from !== index}
              onChange={(field, value) => update(index, field, value)}
              onCredentialsChange={(ids) => {
                setSaved(null);
                setDraft((d) => d.map((a, i) => (i === index ? { ...a, credentials: ids } : a)));
              }}
              onMove={(to) => move(index, to)}
              onRemove={() => remove(index)}
              onDragStart={(e) => onDragStart(index, e)}
              onDragOver={(e) => onDragOver(index, e)}
              onDrop={(e) => onDrop(index, e)}
              onDragEnd={() => setDrag(null)}
            />
          ))}
        </ol>
        <ModelSuggestions />
        <Button
          variant="secondary"
          onClick={add}
          disabled={draft.length >= MAX_AGENTS}
          className="w-full border-dashed"
        >
          <Icon name="plus" className="size-4" />
          {draft.length >= MAX_AGENTS ? `A crew has at most ${MAX_AGENTS} agents` : "Add agent"}
        </Button>
        <div className="flex flex-col gap-3 border-t border-zinc-100 pt-4 sm:flex-row sm:items-end">
          <Field
            label="Response tone"
            hint="Agents without their own take it; a preset or your words."
            error={fields.responseTone}
            className="sm:w-56"
          >
            <ToneInput id="crew-responseTone" value={tone} placeholder="e.g. executive" onChange={setTone} />
          </Field>
          <TonePresets />
          <Field label="Change note" hint="Optional; shown in the version history." className="flex-1">
            <Input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
              placeholder="Why the crew changed"
            />
          </Field>
          <div className="flex gap-2 sm:pb-6">
            <Button
              variant="ghost"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setDraft(toDraft(workflowCrew(workflow)));
                setTone(savedTone);
              }}
            >
              Discard
            </Button>
            <Button onClick={submit} loading={save.isPending} disabled={!dirty}>
              Save crew
            </Button>
          </div>
        </div>
        {generalError ? <Alert tone="error">{generalError}</Alert> : null}
        {agentErrors.size > 0 ? (
          <Alert tone="error">Some agents need attention: see the highlighted fields.</Alert>
        ) : null}
        {saved ? <Alert tone="success">{saved}</Alert> : null}
      </div>
    </Card>
  );
}
