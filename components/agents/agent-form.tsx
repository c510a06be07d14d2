"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { AGENT_CAPABILITIES, MAX_GOAL_CHARS, type AgentCapability } from "@/lib/agents/constants";
import { SUGGESTED_MODELS } from "@/lib/agents/model-policy";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useCreateAgent } from "@/lib/queries/use-agents";
import { useWorkflows } from "@/lib/queries/use-workflows";
import {
  browserTimeZone,
  emptyScheduleDraft,
  scheduleBody,
  ScheduleEditor,
  type ScheduleDraft,
} from "./schedule-editor";

/** The create-agent page: every field, workflow checkboxes and a live schedule preview. */
export function AgentForm() {
  const { workspace } = useCurrentWorkspace();
  const router = useRouter();
  const create = useCreateAgent(workspace.slug);
  const workflows = useWorkflows(workspace.slug);
  const [name, setName] = useState("");
  const [role, setRole] = useState("");
  const [description, setDescription] = useState("");
  const [goal, setGoal] = useState("");
  const [model, setModel] = useState("claude-sonnet-4-6");
  const [workflowIds, setWorkflowIds] = useState<string[]>([]);
  const [capabilities, setCapabilities] = useState<AgentCapability[]>(["ai", "workflows"]);
  // The time zone field is not rendered for the initial "manual" schedule, so server and browser agree.
  const [schedule, setSchedule] = useState<ScheduleDraft>(() => ({
    ...emptyScheduleDraft(),
    timezone: browserTimeZone(),
  }));

  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const general = create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null;
  const items = workflows.data?.pages.flatMap((p) => p.data) ?? [];
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { name, role, description, goal, model, workflowIds, capabilities, schedule: scheduleBody(schedule) },
      { onSuccess: (agent) => router.push(`/w/${encodeURIComponent(workspace.slug)}/agents/${agent.id}`) },
    );
  }

  return (
    <>
      <PageHeader
        title="New agent"
        description="What should it achieve, with which workflows, and when should it run?"
      />
      <PageBody>
        <Card className="p-5 sm:p-6">
          <form onSubmit={submit} noValidate className="space-y-5">
            {general ? <Alert tone="error">{general}</Alert> : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name" error={errors.name}>
                <Input
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  maxLength={80}
                  placeholder="News Notifier"
                  autoFocus
                />
              </Field>
              <Field label="Role" error={errors.role}>
                <Input
                  value={role}
                  onChange={(e) => setRole(e.target.value)}
                  maxLength={80}
                  placeholder="News curator"
                />
              </Field>
            </div>
            <Field label="Description" hint="Optional." error={errors.description}>
              <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} />
            </Field>
            <Field
              label="Goal"
              hint={`What success looks like, in one paragraph (${goal.length}/${MAX_GOAL_CHARS}). Reflection judges every run against it.`}
              error={errors.goal}
            >
              <Textarea value={goal} onChange={(e) => setGoal(e.target.value)} rows={4} maxLength={MAX_GOAL_CHARS} />
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-zinc-900">Workflows</legend>
              <p className="text-xs text-zinc-500">The agent runs each checked workflow on every tick (1 to 10).</p>
              {workflows.isPending ? (
                <p className="mt-2 text-sm text-zinc-500">Loading workflows…</p>
              ) : items.length === 0 ? (
                <p className="mt-2 text-sm text-zinc-600">Create a workflow first; an agent needs at least one.</p>
              ) : (
                <ul className="mt-2 grid gap-2 sm:grid-cols-2">
                  {items.map((w) => (
                    <li key={w.id}>
                      <label className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm hover:bg-zinc-50">
                        <input
                          type="checkbox"
                          checked={workflowIds.includes(w.id)}
                          onChange={() => setWorkflowIds((ids) => toggle(ids, w.id))}
                          className="size-4 accent-[var(--color-accent)]"
                        />
                        <span className="font-medium text-zinc-900">{w.name}</span>
                        <span className="text-xs text-zinc-500">{w.crew.map((a) => a.role).join(" → ")}</span>
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
              <Input value={model} onChange={(e) => setModel(e.target.value)} list="agent-models" maxLength={100} />
            </Field>
            <datalist id="agent-models">
              {SUGGESTED_MODELS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <fieldset>
              <legend className="text-sm font-medium text-zinc-900">Capabilities</legend>
              <div className="mt-2 flex flex-wrap gap-3">
                {AGENT_CAPABILITIES.map((c) => (
                  <label key={c} className="flex items-center gap-1.5 text-sm text-zinc-700">
                    <input
                      type="checkbox"
                      checked={capabilities.includes(c)}
                      onChange={() => setCapabilities((list) => toggle(list, c))}
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
            <ScheduleEditor value={schedule} onChange={setSchedule} errors={errors} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => router.back()} disabled={create.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create agent
              </Button>
            </div>
          </form>
        </Card>
      </PageBody>
    </>
  );
}
