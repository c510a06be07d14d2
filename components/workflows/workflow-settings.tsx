"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useUpdateWorkflow } from "@/lib/queries/use-workflows";
import { modelText } from "@/lib/queries/workflow-graph";
import type { Workflow } from "@/lib/queries/workflow-types";
import { MODEL_LIST_ID } from "./model-suggestions";

/** Name, description and default model (the crew has its own editor). */
export function WorkflowSettings({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const update = useUpdateWorkflow(slug, workflow.id);
  const [name, setName] = useState(workflow.name);
  const [description, setDescription] = useState(workflow.description ?? "");
  const [model, setModel] = useState(() => modelText(workflow.model));
  const [done, setDone] = useState(false);
  const fields = update.error instanceof ApiError ? update.error.fieldErrors : {};
  const general = update.error && Object.keys(fields).length === 0 ? errorMessage(update.error) : null;
  const dirty =
    name !== workflow.name || description !== (workflow.description ?? "") || model !== modelText(workflow.model);

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    update.mutate({ name, description: description.trim() || null, model }, { onSuccess: () => setDone(true) });
  }

  return (
    <Card>
      <CardHeader title="Settings" />
      <Form onSubmit={submit} noValidate className="space-y-4 p-4 sm:p-5">
        <Field label="Name" error={fields.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
        </Field>
        <Field label="Description" error={fields.description}>
          <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} />
        </Field>
        <Field label="Default model" hint="Used by every agent that has no model of its own." error={fields.model}>
          <Input
            value={model}
            onChange={(e) => setModel(e.target.value)}
            list={MODEL_LIST_ID}
            maxLength={100}
            required
          />
        </Field>
        {general ? <Alert tone="error">{general}</Alert> : null}
        {done && !dirty ? <Alert tone="success">Settings saved.</Alert> : null}
        <Button type="submit" variant="secondary" loading={update.isPending} disabled={!dirty}>
          Save settings
        </Button>
      </Form>
    </Card>
  );
}
