"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { HOSTED_CAPABILITIES, MAX_GOAL_CHARS } from "@/lib/agents/constants";
import { SUGGESTED_MODELS } from "@/lib/agents/model-policy";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useWorkflows } from "@/lib/queries/use-workflows";
import { rolesLabel } from "@/lib/queries/workflow-graph";
import { changedFields, type AgentDraft } from "./agent-draft";
import { ScheduleEditor } from "./schedule-editor";

export interface AgentFormProps {
  title: string;
  description: string;
  initial: AgentDraft;
  submitLabel: string;
  pending: boolean;
  /** The last failed save: field errors show at their fields, anything else above the form. */
  error: unknown;
  onSubmit: (draft: AgentDraft) => void;
  onCancel: () => void;
  /** Editing: saving waits until something differs from `initial`. */
  requireChange?: boolean;
}

const FIELDS = ["name", "role", "description", "goal", "workflowIds", "model", "capabilities"];
const shownAtField = (field: string) => FIELDS.includes(field) || field.startsWith("schedule.");

/** Every agent field, workflow checkboxes and a live schedule preview; used to create and to edit. */
export function AgentForm({
  title,
  description: pageDescription,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  requireChange = false,
}: AgentFormProps) {
  const { workspace } = useCurrentWorkspace();
  const workflows = useWorkflows(workspace.slug);
  const [draft, setDraft] = useState<AgentDraft>(initial);
  const set = (patch: Partial<AgentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const { name, role, description, goal, model, workflowIds, capabilities, schedule } = draft;

  const errors = error instanceof ApiError ? error.fieldErrors : {};
  const general = error && !Object.keys(errors).some(shownAtField) ? errorMessage(error) : null;
  const unchanged = requireChange && Object.keys(changedFields(initial, draft)).length === 0;
  const items = workflows.data?.pages.flatMap((p) => p.data) ?? [];
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(draft);
  }

  return (
    <>
      <PageHeader title={title} description={pageDescription} />
      <PageBody>
        <Card className="p-5 sm:p-6">
          <Form onSubmit={submit} noValidate className="space-y-5">
            {general ? <Alert tone="error">{general}</Alert> : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name" error={errors.name}>
                <Input
                  value={name}
                  onChange={(e) => set({ name: e.target.value })}
                  maxLength={80}
                  placeholder="News Notifier"
                  autoFocus
                />
              </Field>
              <Field label="Role" error={errors.role}>
                <Input
                  value={role}
                  onChange={(e) => set({ role: e.target.value })}
                  maxLength={80}
                  placeholder="News curator"
                />
              </Field>
            </div>
            <Field label="Description" hint="Optional." error={errors.description}>
              <Input value={description} onChange={(e) => set({ description: e.target.value })} maxLength={1000} />
            </Field>
            <Field
              label="Goal"
              hint={`What success looks like, in one paragraph (${goal.length}/${MAX_GOAL_CHARS}). Reflection judges every run against it.`}
              error={errors.goal}
            >
              <Textarea
                value={goal}
                onChange={(e) => set({ goal: e.target.value })}
                rows={4}
                maxLength={MAX_GOAL_CHARS}
              />
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-zinc-900">Workflows</legend>
              <p className="text-xs text-zinc-500">The agent runs each checked workflow on every tick (1 to 10).</p>
              {workflows.isPending ? (
                <p className="mt-2 text-sm text-zinc-500">Loading workflows…</p>
              ) : items.length === 0 ? (
                <p className="mt-2 text-sm text-zinc-600">
                  An agent needs at least one workflow.{" "}
                  <Link
                    href={`/w/${encodeURIComponent(workspace.slug)}/workflows`}
                    className="font-medium text-accent underline-offset-2 hover:underline"
                  >
                    Create a workflow
                  </Link>{" "}
                  first.
                </p>
              ) : (
                <ul className="mt-2 grid gap-2 sm:grid-cols-2">
                  {items.map((w) => (
                    <li key={w.id}>
                      <label className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm hover:bg-zinc-50">
                        <input
                          type="checkbox"
                          checked={workflowIds.includes(w.id)}
                          onChange={() => setDraft((d) => ({ ...d, workflowIds: toggle(d.workflowIds, w.id) }))}
                          className="size-4 accent-[var(--color-accent)]"
                        />
                        <span className="font-medium text-zinc-900">{w.name}</span>
                        <span className="text-xs text-zinc-500">{rolesLabel(w)}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              {errors.workflowIds ? (
                <p className="mt-1.5 text-xs font-medium text-red-600">{errors.workflowIds}</p>
              ) : null}
            </fieldset>
            <Field label="Model" hint="Reflection needs a capable model; small ones are refused." error={errors.model}>
              <Input
                value={model}
                onChange={(e) => set({ model: e.target.value })}
                list="agent-models"
                maxLength={100}
              />
            </Field>
            <datalist id="agent-models">
              {SUGGESTED_MODELS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <fieldset>
              <legend className="text-sm font-medium text-zinc-900">Capabilities</legend>
              <div className="mt-2 flex flex-wrap gap-3">
                {HOSTED_CAPABILITIES.map((c) => (
                  <label key={c} className="flex items-center gap-1.5 text-sm text-zinc-700">
                    <input
                      type="checkbox"
                      checked={capabilities.includes(c)}
                      onChange={() => setDraft((d) => ({ ...d, capabilities: toggle(d.capabilities, c) }))}
                      className="size-4"
                    />
                    {c}
                  </label>
                ))}
              </div>
              {errors.capabilities ? (
                <p className="mt-1.5 text-xs font-medium text-red-600">{errors.capabilities}</p>
              ) : null}
            </fieldset>
            <Field
              label="Reflection patches"
              hint="Propose: a reflection's change to the workflow waits on the agent page for an admin to approve or reject it."
            >
              <Select
                id="agent-patch-mode"
                value={draft.patchMode}
                onChange={(e) => set({ patchMode: e.target.value === "propose" ? "propose" : "apply" })}
              >
                <option value="apply">Apply at once</option>
                <option value="propose">Propose to an admin</option>
              </Select>
            </Field>
            <ScheduleEditor value={schedule} onChange={(next) => set({ schedule: next })} errors={errors} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={onCancel} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" loading={pending} disabled={unchanged}>
                {submitLabel}
              </Button>
            </div>
          </Form>
        </Card>
      </PageBody>
    </>
  );
}
