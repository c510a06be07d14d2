import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { RunComparison } from "@/lib/queries/use-run-comparison";
import { useStepInput } from "@/lib/queries/use-runs";
import type { Run } from "@/lib/queries/workflow-types";
import { formatCost, formatDuration, formatTokens } from "./format-run";
import { lineDiff, type DiffLine } from "./line-diff";
import { RunStatusBadge } from "./run-status-badge";

/** What a side's header shows of its run. */
export type ComparedRun = Pick<
  Run,
  "id" | "status" | "costUsd" | "inputTokens" | "outputTokens" | "durationMs" | "input" | "forkedFrom" | "forkedAtStep"
>;
type ComparedStep = NonNullable<RunComparison["steps"][number]["a"]>;
type StepPair = RunComparison["steps"][number];

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-zinc-900 tabular-nums">{children}</dd>
    </div>
  );
}

function RunHeader({ slug, side, run, other }: { slug: string; side: "A" | "B"; run: ComparedRun; other: string }) {
  const note =
    run.forkedFrom === other && run.forkedAtStep !== null
      ? `the fork, from step ${run.forkedAtStep + 1}`
      : run.forkedFrom === null
        ? null
        : "a fork";
  return (
    <Card className="min-w-0" data-testid={`compare-run-${side.toLowerCase()}`}>
      <div className="flex flex-wrap items-baseline gap-2 border-b border-zinc-200 px-4 py-3">
        <span className="text-sm font-semibold text-zinc-900">{side}</span>
        <Link
          href={`/w/${encodeURIComponent(slug)}/runs/${encodeURIComponent(run.id)}`}
          className="truncate font-mono text-xs text-accent hover:underline"
        >
          {run.id}
        </Link>
        {note ? <span className="text-xs text-zinc-500">({note})</span> : null}
      </div>
      <dl className="grid grid-cols-2 gap-3 p-4 sm:grid-cols-4">
        <Figure label="Status">
          <RunStatusBadge status={run.status} />
        </Figure>
        <Figure label="Estimated cost">{formatCost(run.status === "queued" ? null : run.costUsd)}</Figure>
        <Figure label="Tokens">
          {formatTokens(run.inputTokens)} in · {formatTokens(run.outputTokens)} out
        </Figure>
        <Figure label="Duration">{formatDuration(run.durationMs)}</Figure>
      </dl>
    </Card>
  );
}

/** One side of a text diff, its changed lines highlighted. */
function DiffSide({ lines, side, empty }: { lines: DiffLine[]; side: "a" | "b"; empty: string }) {
  if (lines.length === 0) return <p className="text-xs text-zinc-500 italic">{empty}</p>;
  return (
    <pre className="max-h-96 overflow-auto rounded border border-zinc-200 font-mono text-xs whitespace-pre-wrap">
      {lines.map((line, i) => (
        <span
          key={i}
          data-changed={line.changed ? side : undefined}
          className={cn(
            "block px-2",
            line.changed && (side === "a" ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"),
          )}
        >
          <span aria-hidden="true" className="select-none">
            {line.changed ? (side === "a" ? "− " : "+ ") : "  "}
          </span>
          {line.changed ? <span className="sr-only">{side === "a" ? "only in A: " : "only in B: "}</span> : null}
          {line.text || " "}
        </span>
      ))}
    </pre>
  );
}

function TextDiff({ a, b, empty }: { a: string | null; b: string | null; empty: string }) {
  const diff = lineDiff(a, b);
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <DiffSide lines={diff.a} side="a" empty={empty} />
      <DiffSide lines={diff.b} side="b" empty={empty} />
    </div>
  );
}

const json = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value));

/** The typed fields whose values differ between the two steps. */
export function dataDifferences(
  a: Record<string, unknown> | null,
  b: Record<string, unknown> | null,
): { field: string; a: unknown; b: unknown }[] {
  const fields = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
  return (
    fields
      // Values as the API sent them (JSON, its objects' keys in PostgreSQL's order), so their text compares them.
      .filter((field) => json(a?.[field]) !== json(b?.[field]))
      .map((field) => ({ field, a: a?.[field], b: b?.[field] }))
  );
}

function StepFigures({ step }: { step: ComparedStep | null }) {
  if (!step) return <p className="text-xs text-zinc-500 italic">No step at this index.</p>;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
      <Figure label="Node">{step.nodeId}</Figure>
      <Figure label="Status">
        {step.status}
        {step.reused ? <span className="text-zinc-500"> · reused</span> : null}
      </Figure>
      <Figure label="Tokens">
        {formatTokens(step.inputTokens)} in · {formatTokens(step.outputTokens)} out
      </Figure>
      <Figure label="Cost">{formatCost(step.costUsd)}</Figure>
      <Figure label="Time">
        {formatDuration(step.durationMs)}
        {step.toolCalls > 0 ? (
          <span className="text-zinc-500">
            {" "}
            · {step.toolCalls} tool {step.toolCalls === 1 ? "call" : "calls"}
          </span>
        ) : null}
      </Figure>
    </dl>
  );
}

const differenceLabels: Record<StepPair["differences"][number], string> = {
  node: "node",
  status: "status",
  output: "output",
  data: "typed fields",
  model: "model",
  input: "input",
};

const inputPartLabels: Record<StepPair["inputDifferences"][number], string> = {
  system: "the system prompt",
  messages: "the messages (the run's input and the earlier outputs it received)",
};

/** An input as text to diff: its messages, each headed by its role. */
function messagesText(input: { messages: { role: string; content: string }[] } | null | undefined): string | null {
  return input ? input.messages.map((m) => `[${m.role}]\n${m.content}`).join("\n\n") : null;
}

/** Both steps' full inputs, fetched once shown, the parts that differ as line diffs. */
function InputTexts({ slug, ids, pair }: { slug: string; ids: { a: string; b: string }; pair: StepPair }) {
  const a = useStepInput(slug, ids.a, pair.a?.id ?? "", Boolean(pair.a));
  const b = useStepInput(slug, ids.b, pair.b?.id ?? "", Boolean(pair.b));
  if ((pair.a && !a.data) || (pair.b && !b.data)) {
    return <p className="text-xs text-zinc-500">{(a.error ?? b.error) ? "Could not load the inputs." : "Loading…"}</p>;
  }
  return (
    <div className="space-y-2">
      {pair.inputDifferences.includes("system") ? (
        <>
          <h4 className="text-xs font-medium text-zinc-500">System prompt</h4>
          <TextDiff a={a.data?.input?.system ?? null} b={b.data?.input?.system ?? null} empty="No input." />
        </>
      ) : null}
      {pair.inputDifferences.includes("messages") ? (
        <>
          <h4 className="text-xs font-medium text-zinc-500">Messages</h4>
          <TextDiff a={messagesText(a.data?.input)} b={messagesText(b.data?.input)} empty="No input." />
        </>
      ) : null}
    </div>
  );
}

/** What differs in the two steps' inputs, and on request the inputs themselves, diffed. */
function InputDifference({ slug, ids, pair }: { slug: string; ids: { a: string; b: string }; pair: StepPair }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="rounded border border-zinc-200 px-3 py-2"
      data-testid="input-differences"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="cursor-pointer text-xs text-zinc-700 select-none">
        The input differs in {pair.inputDifferences.map((p) => inputPartLabels[p]).join(" and ")}
      </summary>
      {open ? (
        <div className="mt-2">
          <InputTexts slug={slug} ids={ids} pair={pair} />
        </div>
      ) : null}
    </details>
  );
}

function StepRow({
  slug,
  ids,
  pair,
  diverged,
}: {
  slug: string;
  ids: { a: string; b: string };
  pair: StepPair;
  diverged: boolean;
}) {
  const fields = pair.differences.includes("data") ? dataDifferences(pair.a?.data ?? null, pair.b?.data ?? null) : [];
  return (
    <li id={`compare-step-${pair.index}`} className="scroll-mt-4">
      <Card
        data-testid={`compare-step-${pair.index}`}
        data-same={pair.same ? "true" : "false"}
        className={cn(diverged && "border-amber-300 ring-1 ring-amber-200")}
      >
        <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-4 py-2">
          <h3 className="text-sm font-semibold text-zinc-900">Step {pair.index + 1}</h3>
          {diverged ? (
            <span
              className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
              data-testid="diverged"
            >
              The runs diverge here
            </span>
          ) : null}
          <span className="text-xs text-zinc-500">
            {pair.same ? "Same" : `Differs in ${pair.differences.map((d) => differenceLabels[d]).join(", ")}`}
          </span>
        </div>
        <div className="space-y-3 p-4">
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <StepFigures step={pair.a} />
            <StepFigures step={pair.b} />
          </div>
          {pair.inputDifferences.length > 0 ? <InputDifference slug={slug} ids={ids} pair={pair} /> : null}
          {pair.same ? null : <TextDiff a={pair.a?.output ?? null} b={pair.b?.output ?? null} empty="No output." />}
          {fields.length > 0 ? (
            <table className="w-full text-left text-xs" data-testid="data-differences">
              <caption className="mb-1 text-left font-medium text-zinc-500">Typed fields that differ</caption>
              <thead>
                <tr className="text-zinc-500">
                  <th className="py-1 pr-2 font-medium">Field</th>
                  <th className="py-1 pr-2 font-medium">A</th>
                  <th className="py-1 font-medium">B</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {fields.map((f) => (
                  <tr key={f.field} className="border-t border-zinc-100 align-top">
                    <td className="py-1 pr-2">{f.field}</td>
                    <td className="py-1 pr-2 break-all text-red-900">{json(f.a)}</td>
                    <td className="py-1 break-all text-emerald-900">{json(f.b)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      </Card>
    </li>
  );
}

/**
 * Two runs of one workflow side by side: their figures, their paths, whether
 * their inputs differ (and how), then each step index with what differs there
 * (its input, output, typed fields…), the first index where they diverge marked.
 */
export function RunComparisonView({
  slug,
  a,
  b,
  comparison,
  paths,
}: {
  slug: string;
  a: ComparedRun;
  b: ComparedRun;
  comparison: RunComparison;
  /** The two paths drawn on the graph, between the summary and the steps. */
  paths?: ReactNode;
}) {
  const diverged = comparison.divergedAtStep;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <RunHeader slug={slug} side="A" run={a} other={b.id} />
        <RunHeader slug={slug} side="B" run={b} other={a.id} />
      </div>
      {diverged === null ? (
        <Alert tone="success" title="No difference">
          Every step has the same node, status, input, output and typed fields in both runs.
        </Alert>
      ) : (
        <Alert tone="warning" title={`The runs diverge at step ${diverged + 1}`}>
          <a href={`#compare-step-${diverged}`} className="font-medium underline">
            Go to step {diverged + 1}
          </a>
        </Alert>
      )}
      {paths}
      <Card>
        <div className="space-y-2 px-4 py-3">
          <h2 className="text-sm font-semibold text-zinc-900">Input</h2>
          {comparison.sameInput ? (
            <p className="text-sm text-zinc-600" data-testid="same-input">
              Both runs had the same input.
            </p>
          ) : (
            <TextDiff a={a.input} b={b.input} empty="No input." />
          )}
        </div>
      </Card>
      {comparison.steps.length === 0 ? (
        <p className="text-sm text-zinc-500" data-testid="no-steps">
          Neither run has any steps yet.
        </p>
      ) : (
        <ol className="space-y-3">
          {comparison.steps.map((pair) => (
            <StepRow
              key={pair.index}
              slug={slug}
              ids={{ a: a.id, b: b.id }}
              pair={pair}
              diverged={pair.index === diverged}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
