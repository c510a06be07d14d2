"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useCreateWorkflow } from "@/lib/queries/use-workflows";
import { Select } from "@/components/ui/select";
import { architecture, listArchitectures, type ArchitectureId } from "@/lib/graph/architectures";
import { GRAPH_TEMPLATES, templateGraph, type TemplateId } from "./graph-editor/templates";
import { DEFAULT_MODEL, MODEL_LIST_ID, ModelSuggestions } from "./model-suggestions";

type StartFrom = "crew" | "architecture" | TemplateId;

const START_OPTIONS: { id: StartFrom; label: string; description: string }[] = [
  { id: "crew", label: "Crew", description: "planner → writer as a list of agents, edited in the crew builder." },
  ...GRAPH_TEMPLATES,
  {
    id: "architecture",
    label: "Agent architecture",
    description: "One of twelve proven shapes: ReAct, Supervisor, Debate, Reflexion and more.",
  },
];

/**
 * Creates a workflow with the default crew (planner, writer), or a graph from a template
 * (chain, route, parallel, refinement loop), and opens it; a graph opens in the editor.
 */
export function CreateWorkflowDialog({ slug, open, onClose }: { slug: string; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const create = useCreateWorkflow(slug);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [model, setModel] = useState(DEFAULT_MODEL);
  const [startFrom, setStartFrom] = useState<StartFrom>("crew");
  const [architectureId, setArchitectureId] = useState<ArchitectureId>("react");
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const general = create.error && Object.keys(fields).length === 0 ? errorMessage(create.error) : null;

  function close() {
    create.reset();
    onClose();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const graph =
      startFrom === "crew" ? undefined : templateGraph(startFrom === "architecture" ? architectureId : startFrom);
    create.mutate(
      { name, description: description.trim() || null, model, ...(graph ? { graph } : {}) },
      {
        onSuccess: (workflow) =>
          router.push(`/w/${encodeURIComponent(slug)}/workflows/${workflow.id}${graph ? "?edit=graph" : ""}`),
      },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create a workflow"
      description="Start from a crew or a graph template; change it on the next page."
    >
      <Form onSubmit={submit} noValidate className="space-y-4">
        {general ? <Alert tone="error">{general}</Alert> : null}
        <Field label="Name" error={fields.name}>
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            autoFocus
            placeholder="Spec reviewer"
          />
        </Field>
        <Field label="Description" hint="Optional." error={fields.description}>
          <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} />
        </Field>
        <Field label="Default model" hint="Agents without a model of their own use this one." error={fields.model}>
          <Input
            value={model}
            onChange={(e) => setModel(e.target.value)}
            list={MODEL_LIST_ID}
            maxLength={100}
            required
          />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-900">Start from</legend>
          {fields.graph ? <p className="mt-1 text-xs font-medium text-red-600">{fields.graph}</p> : null}
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {START_OPTIONS.map((o) => (
              <label
                key={o.id}
                className="flex cursor-pointer gap-2 rounded-md border border-zinc-200 p-2.5 text-sm has-checked:border-accent has-checked:bg-accent/5 has-focus-visible:outline-2 has-focus-visible:outline-accent"
              >
                <input
                  type="radio"
                  name="start-from"
                  value={o.id}
                  checked={startFrom === o.id}
                  onChange={() => setStartFrom(o.id)}
                  className="mt-0.5 size-4 accent-accent"
                />
                <span>
                  <span className="block font-medium text-zinc-900">{o.label}</span>
                  <span className="block text-xs text-zinc-600">{o.description}</span>
                </span>
              </label>
            ))}
          </div>
          {startFrom === "architecture" ? (
            <div className="mt-3 space-y-2">
              <Select
                aria-label="Architecture"
                value={architectureId}
                onChange={(e) => setArchitectureId(e.target.value as ArchitectureId)}
              >
                {listArchitectures().map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </Select>
              <p className="text-xs text-zinc-600">{architecture(architectureId).summary}</p>
              <p className="text-xs text-zinc-600">{architecture(architectureId).whenToUse}</p>
            </div>
          ) : null}
        </fieldset>
        <ModelSuggestions />
        <DialogFooter confirmLabel="Create workflow" onCancel={close} pending={create.isPending} />
      </Form>
    </Dialog>
  );
}
