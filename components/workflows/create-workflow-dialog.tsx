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
import { DEFAULT_MODEL, MODEL_LIST_ID, ModelSuggestions } from "./model-suggestions";

/** Creates a workflow with the default crew (planner, writer) and opens its crew builder. */
export function CreateWorkflowDialog({ slug, open, onClose }: { slug: string; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const create = useCreateWorkflow(slug);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [model, setModel] = useState(DEFAULT_MODEL);
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const general = create.error && Object.keys(fields).length === 0 ? errorMessage(create.error) : null;

  function close() {
    create.reset();
    onClose();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { name, description: description.trim() || null, model },
      { onSuccess: (workflow) => router.push(`/w/${encodeURIComponent(slug)}/workflows/${workflow.id}`) },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create a workflow"
      description="It starts with a planner and a writer; change the crew on the next page."
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
        <ModelSuggestions />
        <DialogFooter confirmLabel="Create workflow" onCancel={close} pending={create.isPending} />
      </Form>
    </Dialog>
  );
}
