import type { Prisma } from "@/lib/generated/prisma/client";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
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
  status: true,
  output: true,
  error: true,
  inputTokens: true,
  outputTokens: true,
  costUsd: true,
  attempts: true,
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
export interface ToolCallSummary {
  index: number;
  name: string;
  arguments: unknown;
  result: string | null;
  /** Characters of the full result. */
  resultSize: number | null;
  error: string | null;
  durationMs: number;
}

/** A step as read, with its input composed from its recipe: its size always, the input itself when asked for. */
export type StepRow = WithMoney<Prisma.StepGetPayload<{ select: typeof stepSelect }>> & {
  input?: AgentInput | null;
  inputSize: number | null;
  toolCalls?: ToolCallSummary[];
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
    costUsd: money(step.costUsd),
    durationMs: durationMs(step.startedAt, step.finishedAt),
  };
}

/** A run as the API returns it (without steps: list pages). */
export function serializeRun(run: RunRow) {
  const { workflow, workflowVersion, ...rest } = run;
  return {
    ...rest,
    workflowName: workflow.name,
    version: workflowVersion.version,
    costUsd: money(run.costUsd),
    durationMs: durationMs(run.startedAt, run.finishedAt),
  };
}

/** A run with its steps, ordered by index; token and cost totals add up the steps so far. */
export function serializeRunWithSteps(run: RunRow & { steps: StepRow[] }) {
  const steps = run.steps.map(serializeStep);
  const sum = (pick: (s: (typeof steps)[number]) => number) => steps.reduce((n, s) => n + pick(s), 0);
  const totals = {
    steps: steps.length,
    completedSteps: steps.filter((s) => s.status === "completed").length,
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
    ...serializeRun(run),
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    costUsd: totals.costUsd,
    totals,
    steps,
  };
}
export type RunDto = ReturnType<typeof serializeRunWithSteps>;
