import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import type { Budget } from "@/lib/workflows/graph/types";
import { budgetLimits, minutesBetween, waitedMinutes, type WaitSpan } from "./budgets/budget-limits";
import { isBilledStep } from "./billed-steps";
import type { toolCallSummarySchema } from "./response-schemas";
import { stepApprovalSchema } from "./response-schemas";
import type { RunSweep } from "./run-sweep-schema";
import type { RunWaitingFor } from "./waiting-for-schema";
import type { AgentInput } from "./transcript";

export const stepSelect = {
  id: true,
  index: true,
  role: true,
  model: true,
  nodeId: true,
  visit: true,
  branch: true,
  data: true,
  approval: true,
  reused: true,
  status: true,
  output: true,
  error: true,
  inputTokens: true,
  outputTokens: true,
  costUsd: true,
  attempts: true,
  interruptions: true,
  startedAt: true,
  finishedAt: true,
} as const satisfies Prisma.StepSelect;

export const runSelect = {
  id: true,
  workflowId: true,
  workflowVersionId: true,
  status: true,
  input: true,
  output: true,
  error: true,
  errorCode: true,
  errorStepIndex: true,
  stepCount: true,
  visited: true,
  inputTokens: true,
  outputTokens: true,
  costUsd: true,
  triggeredBy: true,
  agentId: true,
  eventId: true,
  cancelRequestedAt: true,
  waitingFor: true,
  sweeps: true,
  forkedFromId: true,
  forkedAtStep: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  workflow: { select: { name: true } },
  workflowVersion: { select: { version: true } },
} as const satisfies Prisma.RunSelect;

/** Money may arrive as a Prisma decimal or, from a JSON aggregate, as a number. */
type WithMoney<T> = Omit<T, "costUsd"> & { costUsd: Prisma.Decimal | number };
export type RunRow = WithMoney<Prisma.RunGetPayload<{ select: typeof runSelect }>>;
/** Characters of a tool call's result the run shows; the full result comes from the step's tool-calls endpoint. */
export const TOOL_RESULT_PREVIEW_CHARS = 2000;

/** A tool call as a run shows it: its result cut to TOOL_RESULT_PREVIEW_CHARS. */
export type ToolCallSummary = z.output<typeof toolCallSummarySchema>;

/** A step as read, with its input composed from its recipe: its size always, the input itself when asked for. */
export type StepRow = WithMoney<Prisma.StepGetPayload<{ select: typeof stepSelect }>> & {
  input?: AgentInput | null;
  inputSize: number | null;
  toolCalls?: ToolCallSummary[];
  /** A project node's skills, sandbox and runtime (see getRun). */
  agent?: { skills: string[]; sandbox: string | null; runtime: "claude-code" | null; ranAs: string | null };
};

function durationMs(startedAt: Date | null, finishedAt: Date | null): number | null {
  return startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null;
}

/** A decimal column as a plain JSON number. */
function money(value: Prisma.Decimal | number | null): number {
  if (typeof value === "number") return value;
  return value ? Number(value.toString()) : 0;
}

export function serializeStep(step: StepRow) {
  return {
    ...step,
    // Crew steps store no node id: agent-<index + 1>, as in the crew's chain graph.
    nodeId: step.nodeId ?? `agent-${step.index + 1}`,
    data: (parseJsonColumn(step.data) as Record<string, unknown> | null) ?? null,
    approval: step.approval ? stepApprovalSchema.parse(parseJsonColumn(step.approval)) : null,
    // An approval step waits for its answer while it runs.
    status: step.status === "running" && step.approval ? ("waiting" as const) : step.status,
    costUsd: money(step.costUsd),
    durationMs: durationMs(step.startedAt, step.finishedAt),
  };
}

/** The budgets pinned with a run's version: the graph's and its nodes' (read with the run). */
export interface VersionBudgets {
  graphBudget: Budget | null;
  nodeBudgets: { id: string; budget: Budget }[] | null;
}

/**
 * The budgets that apply to a run (its request's, its workflow's, its
 * nodes') with the amount used: minutes since it started (until it ended)
 * and dollars spent, in all and per node. Null when no budget applies.
 */
function runBudget(
  run: { budget: unknown; startedAt: Date | null; finishedAt: Date | null },
  version: VersionBudgets,
  steps: (WaitSpan & { nodeId: string; costUsd: number; approval: unknown; reused: boolean })[],
  usd: number,
) {
  const graph = {
    budget: parseJsonColumn<Budget | null>(version.graphBudget) ?? undefined,
    nodes: parseJsonColumn<VersionBudgets["nodeBudgets"]>(version.nodeBudgets) ?? [],
  };
  const limits = budgetLimits(parseJsonColumn<Budget | null>(run.budget), graph);
  if (limits.length === 0) return null;
  const nodeUsd = (id: string) => steps.filter((s) => s.nodeId === id).reduce((n, s) => n + s.costUsd, 0);
  const to = run.finishedAt ?? new Date();
  const minutes = minutesBetween(run.startedAt, to);
  const waited = waitedMinutes(
    steps.filter((s) => s.approval && !s.reused),
    run.startedAt,
    to,
  );
  return {
    limits: limits.map((l) => ({ ...l, usedUsd: Number((l.nodeId ? nodeUsd(l.nodeId) : usd).toFixed(6)) })),
    usedMinutes: Number(minutes.toFixed(4)),
    waitedMinutes: Number(waited.toFixed(4)),
    usedUsd: usd,
  };
}

/** What a run waiting at an approval step says it waits for. */
const APPROVAL_WAIT: RunWaitingFor = {
  reason: "approval",
  message: "Waiting for a person to approve or reject.",
  until: null,
  position: null,
};

/** A run as the API returns it (without steps: list pages). */
export function serializeRun(run: RunRow) {
  const { workflow, workflowVersion, forkedFromId, sweeps, ...rest } = run;
  return {
    ...rest,
    // A running run that waits for a person is shown as waiting.
    status: rest.status === "running" && rest.waitingFor ? ("waiting" as const) : rest.status,
    waitingFor: rest.status === "running" && rest.waitingFor === "approval" ? APPROVAL_WAIT : null,
    forkedFrom: forkedFromId,
    sweeps: parseJsonColumn<RunSweep[] | null>(sweeps) ?? [],
    workflowName: workflow.name,
    version: workflowVersion.version,
    costUsd: money(run.costUsd),
    durationMs: durationMs(run.startedAt, run.finishedAt),
  };
}

/** A run with its steps, ordered by index; token and cost totals add up the steps so far. */
export function serializeRunWithSteps(run: RunRow & { steps: StepRow[]; budget: unknown } & VersionBudgets) {
  const { budget, graphBudget, nodeBudgets, ...row } = run;
  const steps = run.steps.map(serializeStep);
  // A fork's reused steps were billed in the original: shown, not added up again.
  const own = steps.filter((s) => !s.reused);
  const sum = (pick: (s: (typeof steps)[number]) => number) => own.reduce((n, s) => n + pick(s), 0);
  const totals = {
    steps: steps.length,
    completedSteps: steps.filter((s) => s.status === "completed").length,
    billedSteps: steps.filter(isBilledStep).length,
    inputTokens: Math.max(
      run.inputTokens,
      sum((s) => s.inputTokens),
    ),
    outputTokens: Math.max(
      run.outputTokens,
      sum((s) => s.outputTokens),
    ),
    costUsd: Math.max(money(run.costUsd), Number(sum((s) => s.costUsd).toFixed(6))),
  };
  return {
    ...serializeRun(row),
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    costUsd: totals.costUsd,
    budget: runBudget({ ...run, budget }, { graphBudget, nodeBudgets }, steps, totals.costUsd),
    totals,
    steps,
  };
}
export type RunDto = ReturnType<typeof serializeRunWithSteps>;
