"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { errorMessage } from "@/lib/queries/api-client";
import { useForkRun, type ForkRequest } from "@/lib/queries/use-fork-run";

/**
 * "Fork from here" on a finished run's step: runs the run again from this
 * step, the steps before it reused, with this node's prompt and model
 * changed if asked, on the run's version or the workflow's current one; then
 * links to the fork.
 */
export function ForkFromHere({
  slug,
  runId,
  index,
  nodeId,
  model,
}: {
  slug: string;
  runId: string;
  index: number;
  nodeId: string;
  model: string;
}) {
  const fork = useForkRun(slug, runId);
  const [prompt, setPrompt] = useState("");
  const [newModel, setNewModel] = useState("");
  const [current, setCurrent] = useState(false);
  function start() {
    const override = {
      ...(prompt.trim() ? { systemPrompt: prompt } : {}),
      ...(newModel.trim() ? { model: newModel.trim() } : {}),
    };
    const body: ForkRequest = {
      fromStep: index,
      ...(Object.keys(override).length ? { overrides: { nodes: { [nodeId]: override } } } : {}),
      ...(current ? { version: "current" as const } : {}),
    };
    fork.mutate(body);
  }
  return (
    <details className="px-4 pb-3" data-testid="fork-from-here">
      <summary className="cursor-pointer text-xs font-medium text-zinc-500 select-none hover:text-zinc-900">
        Fork from here
      </summary>
      <div className="mt-2 space-y-3">
        <p className="text-xs text-zinc-600">
          Runs this workflow again from this step; the steps before it are reused, not run or billed again.
        </p>
        <Field label="System prompt" hint="Leave empty to keep the node's prompt.">
          <Textarea
            id={`fork-prompt-${runId}-${index}`}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            rows={4}
          />
        </Field>
        <Field label="Model" hint={`Leave empty to keep ${model}.`}>
          <Input
            id={`fork-model-${runId}-${index}`}
            value={newModel}
            onChange={(e) => setNewModel(e.target.value)}
            placeholder={model}
          />
        </Field>
        <label className="flex items-start gap-1.5 text-sm text-zinc-700">
          <input
            type="checkbox"
            checked={current}
            onChange={(e) => setCurrent(e.target.checked)}
            className="mt-0.5 size-4"
          />
          <span>
            Run on the workflow&apos;s current version{" "}
            <span className="text-xs text-zinc-500">
              (the steps before this one must have run nodes it still has, unchanged)
            </span>
          </span>
        </label>
        {fork.error ? <Alert tone="error">{errorMessage(fork.error)}</Alert> : null}
        {fork.data ? (
          <Alert tone="success">
            The fork started:{" "}
            <Link
              href={`/w/${encodeURIComponent(slug)}/runs/${encodeURIComponent(fork.data.id)}`}
              className="font-medium underline"
            >
              open it
            </Link>
            .
          </Alert>
        ) : null}
        <Button size="sm" loading={fork.isPending} onClick={start}>
          Start the fork
        </Button>
      </div>
    </details>
  );
}
