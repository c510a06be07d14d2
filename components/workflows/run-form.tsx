"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Icon } from "@/components/ui/icons";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useStartRun } from "@/lib/queries/use-workflows";
import { workflowKind } from "@/lib/queries/workflow-graph";
import type { Workflow } from "@/lib/queries/workflow-types";

/** Starts a run of the saved crew or graph on an input and opens its live transcript. */
export function RunForm({ slug, workflow, unsaved }: { slug: string; workflow: Workflow; unsaved: boolean }) {
  const router = useRouter();
  const start = useStartRun(slug, workflow.id);
  const [input, setInput] = useState("");
  const reasonId = useId();
  const paused = workflow.status === "paused";
  const what = workflowKind(workflow) === "graph" ? "graph" : "crew";
  const fields = start.error instanceof ApiError ? start.error.fieldErrors : {};
  const general = start.error && !fields.input ? errorMessage(start.error) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    start.mutate({ input }, { onSuccess: (run) => router.push(`/w/${encodeURIComponent(slug)}/runs/${run.id}`) });
  }

  return (
    <Card>
      <CardHeader title="Run" description={`Runs the saved ${what} (version ${workflow.currentVersion}).`} />
      <Form onSubmit={submit} noValidate className="space-y-3 p-4 sm:p-5">
        <Field label="Input" error={fields.input}>
          <Textarea
            value={input}
            onChange={(e) => setInput(e.target.value)}
            rows={4}
            placeholder={`What should the ${what === "crew" ? "crew" : "workflow"} work on?`}
            name="input"
          />
        </Field>
        {paused ? (
          <p
            id={reasonId}
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
            data-testid="run-refusal"
          >
            This workflow is paused, so it can’t run. Resume it to start runs.
          </p>
        ) : unsaved ? (
          <p className="text-xs text-amber-700">You have unsaved changes; the run uses the saved version.</p>
        ) : null}
        {general ? <Alert tone="error">{general}</Alert> : null}
        <Button
          type="submit"
          loading={start.isPending}
          disabled={paused}
          aria-describedby={paused ? reasonId : undefined}
          className="w-full sm:w-auto"
        >
          <Icon name="play" className="size-4" />
          Start run
        </Button>
      </Form>
    </Card>
  );
}
