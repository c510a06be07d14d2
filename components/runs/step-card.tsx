"use client";

import { useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { useStepInput } from "@/lib/queries/use-runs";
import { stepNodeId, stepVisit } from "@/lib/queries/workflow-graph";
import { END, type RunStep, type StepInput as StepInputData, type StepToolCall } from "@/lib/queries/workflow-types";
import { ForkFromHere } from "./fork-from-here";
import { formatChars, formatCost, formatDuration, formatTokens } from "./format-run";
import { MarkdownOutput } from "./markdown-output";
import { RunStatusBadge } from "./run-status-badge";
import { formatDataValue } from "./run-path";

const summaryClasses =
  "cursor-pointer rounded px-1 py-0.5 text-xs font-medium tracking-wide text-zinc-500 uppercase select-none hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent";

function StepInputView({ input }: { input: StepInputData }) {
  return (
    <div className="mt-2 space-y-3" data-testid="step-input">
      <div>
        <p className="text-xs font-medium text-zinc-500">System prompt</p>
        <pre className="mt-1 max-h-72 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap text-zinc-800 ring-1 ring-zinc-200">
          {input.system}
        </pre>
      </div>
      {input.messages.map((m, i) => (
        <div key={i}>
          <p className="text-xs font-medium text-zinc-500">Message ({m.role})</p>
          <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap text-zinc-800 ring-1 ring-zinc-200">
            {m.content}
          </pre>
        </div>
      ))}
    </div>
  );
}

/** The step's input, fetched the first time the disclosure is opened (runs carry only its size). */
function StepInput({ slug, runId, step }: { slug: string; runId: string; step: RunStep }) {
  const [open, setOpen] = useState(false);
  const input = useStepInput(slug, runId, step.id, open && step.inputSize !== null);
  let body: ReactNode;
  if (step.inputSize === null) body = <p className="mt-2 text-sm text-zinc-500">Not sent yet.</p>;
  else if (input.data?.input) body = <StepInputView input={input.data.input} />;
  else if (input.isError) {
    body = (
      <p role="alert" className="mt-2 text-sm text-red-700">
        Could not load the input: {input.error.message}
      </p>
    );
  } else {
    body = (
      <p className="mt-2 flex items-center gap-2 text-sm text-zinc-600">
        <Spinner size="sm" label={null} /> Loading the input…
      </p>
    );
  }
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={summaryClasses}>
        <span>Input</span>
        {step.inputSize !== null ? (
          <span className="ml-2 font-normal tracking-normal text-zinc-500 normal-case">
            {formatChars(step.inputSize)}
          </span>
        ) : null}
      </summary>
      {open ? body : null}
    </details>
  );
}

/** The tools the agent called in the step: name, arguments, result (cut; the whole one on request), time, error. */
function ToolCalls({
  slug,
  runId,
  stepId,
  calls,
}: {
  slug: string;
  runId: string;
  stepId: string;
  calls: StepToolCall[];
}) {
  const full = `/api/v1/runs/${runId}/steps/${stepId}/tool-calls?workspace=${encodeURIComponent(slug)}`;
  return (
    <details data-testid="step-tool-calls">
      <summary className={summaryClasses}>
        <span>Tool calls</span>
        <span className="ml-2 font-normal tracking-normal text-zinc-500 normal-case">{calls.length}</span>
      </summary>
      <ol className="mt-2 space-y-2">
        {calls.map((c) => (
          <li key={c.index} className="rounded-md border border-zinc-200 px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-mono font-medium text-zinc-900">{c.name}</span>
              <span className="text-zinc-600">{formatDuration(c.durationMs)}</span>
              {c.error ? <span className="font-medium text-red-700">Failed</span> : null}
            </div>
            <pre className="mt-1 overflow-x-auto text-xs whitespace-pre-wrap text-zinc-700">
              {JSON.stringify(c.arguments, null, 2)}
            </pre>
            {c.error ? (
              <p className="mt-1 text-xs break-words text-red-800">{c.error}</p>
            ) : (
              <pre className="mt-1 max-h-48 overflow-auto text-xs whitespace-pre-wrap text-zinc-800">{c.result}</pre>
            )}
            {c.resultSize !== null && c.result !== null && c.resultSize > c.result.length ? (
              <a
                href={full}
                target="_blank"
                rel="noreferrer"
                className="mt-1 inline-block text-xs text-indigo-700 underline"
              >
                Full result ({formatChars(c.resultSize)})
              </a>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A typed output as a small key/value table. */
function StepData({ data }: { data: Record<string, unknown> }) {
  return (
    <table className="w-full table-fixed text-left text-xs" data-testid="step-data">
      <caption className="sr-only">Typed output</caption>
      <tbody className="divide-y divide-zinc-100">
        {Object.entries(data).map(([key, value]) => (
          <tr key={key}>
            <th scope="row" className="w-1/3 py-1 pr-3 align-top font-mono font-medium text-zinc-700">
              {key}
            </th>
            <td className="py-1 break-words whitespace-pre-wrap text-zinc-900">{formatDataValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where a graph step led: the node it routed to, the branches it fanned out to, or the end. */
function Next({ next }: { next: string[] }) {
  const [first] = next;
  return (
    <p className="text-xs text-zinc-600" data-testid="step-next">
      {next.length > 1 ? "Fanned out to " : first === END ? "" : "Went to "}
      {first === END ? "Ended the run" : <span className="font-mono text-zinc-800">{next.join(", ")}</span>}
    </p>
  );
}

/** What a graph run's transcript knows about a step beyond its own fields. */
export interface StepPath {
  /** How many times the step's node ran in the run. */
  visits: number;
  /** Where the step led, for steps outside parallel lanes. */
  next?: string[];
}

/** One agent's turn in a run: who, which model, what it saw, what it said, what it cost. */
export function StepCard({
  slug,
  runId,
  step,
  total,
  path,
  chosen,
  forkable,
}: {
  slug: string;
  runId: string;
  step: RunStep;
  total: number;
  /** Set for graph runs: the step's node and visit are shown. */
  path?: StepPath;
  /** Its node is the one chosen on the run's diagram. */
  chosen?: boolean;
  /** The run has finished: the step offers "Fork from here". */
  forkable?: boolean;
}) {
  const failed = step.status === "failed";
  const visit = stepVisit(step);
  return (
    <li
      id={`step-${step.id}`}
      tabIndex={-1}
      data-testid="step-card"
      data-status={step.status}
      data-chosen={chosen ? "" : undefined}
      aria-labelledby={`step-${step.index}-title`}
      className={cn(
        "scroll-mt-4 rounded-lg border bg-white shadow-xs focus-visible:outline-2 focus-visible:outline-accent",
        chosen && "outline-2 outline-offset-2 outline-accent",
        failed
          ? "border-red-300 ring-1 ring-red-200"
          : step.status === "running"
            ? "border-accent/40 ring-1 ring-accent/20"
            : "border-zinc-200",
      )}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 px-4 py-3">
        <span
          aria-hidden="true"
          className={cn(
            "grid size-7 shrink-0 place-items-center rounded-full text-xs font-semibold",
            failed
              ? "bg-red-600 text-white"
              : step.status === "completed"
                ? "bg-zinc-900 text-white"
                : "bg-zinc-100 text-zinc-600",
          )}
        >
          {step.index + 1}
        </span>
        <h3 id={`step-${step.index}-title`} className="text-sm font-semibold text-zinc-900">
          <span className="sr-only">
            Step {step.index + 1} of {total}:{" "}
          </span>
          <span data-testid="step-role">{step.role}</span>
        </h3>
        {path ? (
          <span className="flex items-center gap-1.5 font-mono text-xs text-zinc-700">
            <span data-testid="step-node">{stepNodeId(step)}</span>
            {path.visits > 1 || visit > 1 ? (
              <span className="rounded bg-zinc-100 px-1.5 py-0.5 ring-1 ring-zinc-200" data-testid="step-visit">
                visit {visit}
              </span>
            ) : null}
          </span>
        ) : null}
        <span className="font-mono text-xs text-zinc-500" data-testid="step-model">
          {step.model}
        </span>
        <span className="ml-auto flex items-center gap-3 text-xs text-zinc-500 tabular-nums">
          {/* A step cut short (cancelled, or running between tool turns) shows the turns it spent. */}
          {step.status === "completed" ||
          failed ||
          (step.status !== "pending" && step.inputTokens + step.outputTokens > 0) ? (
            <>
              <span title="Input tokens / output tokens">
                {formatTokens(step.inputTokens)} in · {formatTokens(step.outputTokens)} out
              </span>
              <span title="Estimated model cost" data-testid="step-cost">
                {formatCost(step.costUsd)}
              </span>
              <span>{formatDuration(step.durationMs)}</span>
            </>
          ) : null}
          <RunStatusBadge status={step.status} />
        </span>
      </div>
      {step.agent ? <StepAgent agent={step.agent} /> : null}
      {failed && step.error ? (
        <div
          role="alert"
          className="mx-4 mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <span className="font-medium">Step failed: </span>
          <span data-testid="step-error" className="break-words whitespace-pre-wrap">
            {step.error}
          </span>
          {step.attempts > 1 ? <span className="text-red-700"> (after {step.attempts} attempts)</span> : null}
        </div>
      ) : null}
      {step.interruptions > 0 ? (
        <p data-testid="step-interrupted" className="px-4 pb-3 text-sm text-amber-800">
          The server stopped during this call; it was made again
          {step.interruptions > 1 ? ` (${step.interruptions} times)` : ""}. The provider may have billed the lost call.
        </p>
      ) : null}
      {step.status === "running" ? (
        <p className="flex items-center gap-2 px-4 pb-3 text-sm text-zinc-600">
          <Spinner size="sm" label={null} /> Working…
        </p>
      ) : null}
      {step.status === "running" && step.liveOutput ? (
        <div className="px-4 pb-3" data-testid="step-live-output" aria-live="polite">
          <p className="whitespace-pre-wrap break-words text-sm text-zinc-800">{step.liveOutput}</p>
        </div>
      ) : null}
      {step.status === "pending" ? (
        <p className="px-4 pb-3 text-sm text-zinc-500">Waiting for the agents before it.</p>
      ) : null}
      {step.inputSize !== null || step.output !== null ? (
        <div className="space-y-2 border-t border-zinc-100 px-4 py-3">
          {step.data ? <StepData data={step.data} /> : null}
          <StepInput slug={slug} runId={runId} step={step} />
          {step.toolCalls?.length ? (
            <ToolCalls slug={slug} runId={runId} stepId={step.id} calls={step.toolCalls} />
          ) : null}
          {step.output !== null ? (
            <details open>
              <summary className={summaryClasses}>Output</summary>
              <div className="mt-2" data-testid="step-output">
                <MarkdownOutput text={step.output} />
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
      {path?.next && step.status === "completed" ? (
        <div className="border-t border-zinc-100 px-4 py-2">
          <Next next={path.next} />
        </div>
      ) : null}
      {forkable && step.status !== "pending" ? (
        <ForkFromHere slug={slug} runId={runId} index={step.index} nodeId={stepNodeId(step)} model={step.model} />
      ) : null}
    </li>
  );
}

/** A project node's skills, sandbox and harness runtime, and how the runtime ran when it could not run as asked. */
function StepAgent({ agent }: { agent: NonNullable<RunStep["agent"]> }) {
  return (
    <div className="mx-4 mb-3 space-y-1 text-xs text-zinc-600" data-testid="step-agent">
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        {agent.skills.length ? (
          <span>
            Skills: <span className="font-mono">{agent.skills.join(", ")}</span>
          </span>
        ) : null}
        {agent.sandbox ? (
          <span>
            Sandbox: <span className="font-mono">{agent.sandbox}</span>
          </span>
        ) : null}
        {agent.runtime ? (
          <span>
            Runtime: <span className="font-mono">{agent.runtime}</span>
          </span>
        ) : null}
      </p>
      {agent.ranAs ? (
        <p
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-amber-900"
          data-testid="step-ran-as"
        >
          {agent.ranAs}
        </p>
      ) : null}
    </div>
  );
}
