"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { QueryError } from "@/components/ui/query-error";
import { RunEventLink } from "@/components/events/run-event-link";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useLiveRun, type LiveMode } from "@/lib/queries/use-live-run";
import { useCancelRun } from "@/lib/queries/use-runs";
import { useWorkflowVersion } from "@/lib/queries/use-workflows";
import { stepNodeId, workflowKind } from "@/lib/queries/workflow-graph";
import { isTerminal, type Run } from "@/lib/queries/workflow-types";
import { ApprovalPanel } from "./approval-panel";
import { CompareWithOriginalLink } from "./compare-link";
import { ForkedFromLink } from "./forked-from-link";
import { RunForks } from "./run-forks";
import { asSentence, formatCost, formatDuration, formatTokens, stepsDone } from "./format-run";
import { MarkdownOutput } from "./markdown-output";
import { RunApiActions } from "./run-api-actions";
import { RunBudget } from "./run-budget";
import { GraphTranscript } from "./graph-transcript";
import { isGraphRun } from "./run-path";
import { RunGraphView } from "./run-graph-view";
import { RunStatusBadge } from "./run-status-badge";
import { RunSweeps } from "./run-sweeps";
import { StepCard } from "./step-card";

function LiveIndicator({ mode }: { mode: LiveMode }) {
  if (mode === "idle") return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-zinc-500" data-testid="live-mode">
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-emerald-500" />
      {mode === "stream" ? "Live" : "Updating every second"}
    </span>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-zinc-900 tabular-nums">{children}</dd>
    </div>
  );
}

function Summary({ slug, run, graph }: { slug: string; run: Run; graph: boolean }) {
  return (
    <Card>
      <dl className="grid grid-cols-2 gap-4 p-4 sm:grid-cols-3 sm:p-5 2xl:grid-cols-7">
        <Stat label="Status">
          <RunStatusBadge status={run.status} />
        </Stat>
        <Stat label="Workflow">
          <Link
            href={`/w/${encodeURIComponent(slug)}/workflows/${run.workflowId}`}
            className="font-medium text-accent hover:underline"
          >
            {run.workflowName}
          </Link>{" "}
          <span className="text-zinc-500">v{run.version}</span>
        </Stat>
        <Stat label="Started">
          <LocalDateTime iso={run.startedAt ?? run.createdAt} />
        </Stat>
        <Stat label="Duration">{formatDuration(run.durationMs, isTerminal(run.status) ? "—" : "running")}</Stat>
        <Stat label="Steps">
          {/* A graph run's stepCount is its step cap until it ends: how many it takes is not known before. */}
          {stepsDone(run, graph)}
          {/* Failed steps are billed too: say so where the count differs from the steps done. */}
          {run.totals.billedSteps !== run.totals.completedSteps ? (
            <span className="text-zinc-500" title="Steps counted in the month's usage" data-testid="run-billed-steps">
              {" "}
              · {run.totals.billedSteps} billed
            </span>
          ) : null}
        </Stat>
        <Stat label="Tokens">
          {formatTokens(run.inputTokens)} in · {formatTokens(run.outputTokens)} out
        </Stat>
        <Stat label="Estimated cost">
          <span data-testid="run-cost">{formatCost(run.status === "queued" ? null : run.costUsd)}</span>
        </Stat>
      </dl>
    </Card>
  );
}

/** "step 3" for a crew run; "classify (step 3)" for a graph run, which names its nodes. */
function stepName(run: Run, index: number, graph: boolean): string {
  const step = run.steps.find((s) => s.index === index);
  return graph && step ? `${stepNodeId(step)} (step ${index + 1})` : `step ${index + 1}`;
}

function Outcome({ run, graph }: { run: Run; graph: boolean }) {
  if (run.status === "completed" && run.output !== null) {
    return (
      <Card data-testid="final-output" className="border-emerald-200">
        <CardHeader
          title="Final output"
          description="The last agent’s answer."
          actions={<CopyButton value={run.output} label="Copy output" />}
        />
        <div className="p-4 sm:p-5">
          <MarkdownOutput text={run.output} />
        </div>
      </Card>
    );
  }
  if (run.status === "failed") {
    return (
      <Alert
        tone="error"
        title={run.errorStepIndex !== null ? `Failed at ${stepName(run, run.errorStepIndex, graph)}` : "Run failed"}
      >
        <span data-testid="run-error" className="break-words whitespace-pre-wrap">
          {run.error ? asSentence(run.error) : "The run failed."}
        </span>{" "}
        Completed steps stay recorded below.
      </Alert>
    );
  }
  if (run.status === "cancelled")
    return <Alert tone="warning">This run was cancelled; steps that finished are kept below.</Alert>;
  if (run.status === "waiting") {
    return (
      <Alert tone="info" title="Waiting for approval">
        The run waits for a person to answer below; it holds no engine slot meanwhile and can still be cancelled.
      </Alert>
    );
  }
  const current = run.steps.find((s) => s.status === "running");
  const wait = run.waitingFor;
  if (wait?.reason === "rate_limit" && current) {
    return (
      <Alert tone="warning" title="Waiting for a rate limit">
        <span data-testid="run-waiting-for">
          {graph ? stepNodeId(current) : `Step ${current.index + 1}`} ({current.role}) reached{" "}
          {wait.provider ?? "the model provider"}’s rate limit; its model call is made again at{" "}
          <LocalDateTime iso={wait.until} />.
        </span>{" "}
        The run goes on by itself.
      </Alert>
    );
  }
  return (
    <Alert tone="info" title={run.status === "queued" ? "Queued" : "Running"}>
      {wait && wait.reason !== "step" ? (
        <span data-testid="run-waiting-for">{wait.message}</span>
      ) : current && graph ? (
        `${stepNodeId(current)} (${current.role}) is working.`
      ) : current ? (
        `Step ${current.index + 1} of ${run.stepCount} (${current.role}) is working.`
      ) : (
        "Waiting for the engine to pick this run up."
      )}{" "}
      The transcript fills in as each agent finishes.
    </Alert>
  );
}

function Loaded({ slug, run, mode }: { slug: string; run: Run; mode: LiveMode }) {
  const cancel = useCancelRun(slug, run.id);
  const canCancel = !isTerminal(run.status);
  // A queued graph run has no steps yet to tell it by: its version says what it is.
  const version = useWorkflowVersion(slug, run.workflowId, run.version);
  const graph = isGraphRun(run) || (version.data !== undefined && workflowKind(version.data) === "graph");
  // The node chosen on the diagram or the path: its step cards are marked in the transcript.
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Run of {run.workflowName}
            <LiveIndicator mode={mode} />
          </span>
        }
        description={
          <span className="font-mono text-xs" data-testid="run-id">
            {run.id}
          </span>
        }
        actions={
          <>
            <RunApiActions runId={run.id} />
            {canCancel ? (
              <Button variant="ghost" size="sm" loading={cancel.isPending} onClick={() => cancel.mutate()}>
                Cancel run
              </Button>
            ) : null}
          </>
        }
      />
      <PageBody>
        <nav aria-label="Breadcrumb" className="-mt-2 text-sm">
          <Link
            href={`/w/${encodeURIComponent(slug)}/runs`}
            className="text-zinc-500 hover:text-zinc-900 hover:underline"
          >
            ← All runs
          </Link>
        </nav>
        <RunEventLink slug={slug} eventId={run.eventId} />
        <ForkedFromLink slug={slug} run={run} />
        <CompareWithOriginalLink slug={slug} run={run} />
        <RunForks slug={slug} runId={run.id} />
        {cancel.error ? <Alert tone="error">{errorMessage(cancel.error)}</Alert> : null}
        <Outcome run={run} graph={graph} />
        <RunSweeps run={run} />
        <ApprovalPanel slug={slug} runId={run.id} steps={run.steps} />
        <Summary slug={slug} run={run} graph={graph} />
        <RunBudget run={run} />
        {graph ? <RunGraphView slug={slug} run={run} selected={selected} onSelect={setSelected} /> : null}
        <Card>
          <details className="group px-4 py-3 sm:px-5">
            <summary className="cursor-pointer text-sm font-semibold text-zinc-900 select-none">Run input</summary>
            <pre className="mt-2 max-h-96 overflow-auto font-mono text-xs whitespace-pre-wrap text-zinc-800">
              {run.input}
            </pre>
          </details>
        </Card>
        <section aria-labelledby="transcript-title" className="space-y-3">
          <h2 id="transcript-title" className="text-base font-semibold text-zinc-900">
            Transcript
          </h2>
          {graph ? (
            <GraphTranscript slug={slug} run={run} selected={selected} />
          ) : (
            <ol className="space-y-3">
              {run.steps.map((step) => (
                <StepCard
                  key={step.id}
                  slug={slug}
                  runId={run.id}
                  step={step}
                  total={run.stepCount}
                  forkable={isTerminal(run.status)}
                />
              ))}
            </ol>
          )}
        </section>
      </PageBody>
    </>
  );
}

/** A run's transcript, kept live while it runs. */
export function RunPage({ id, initialRun }: { id: string; initialRun?: Run }) {
  const { workspace } = useCurrentWorkspace();
  const { run, mode } = useLiveRun(workspace.slug, id, initialRun);
  if (run.data) return <Loaded slug={workspace.slug} run={run.data} mode={mode} />;
  return (
    <>
      <PageHeader title={run.isPending ? <Skeleton className="h-7 w-56" /> : "Run"} />
      <PageBody>
        {run.isPending ? (
          <SkeletonRows rows={4} label="Loading run" />
        ) : run.error instanceof ApiError && run.error.status === 404 ? (
          <Alert tone="info" title="Run not found">
            It may have been deleted with its workflow, or it belongs to another workspace.{" "}
            <Link href={`/w/${encodeURIComponent(workspace.slug)}/runs`} className="font-medium underline">
              See all runs
            </Link>
          </Alert>
        ) : (
          <QueryError title="Could not load the run" error={run.error} onRetry={run.refetch} />
        )}
      </PageBody>
    </>
  );
}
