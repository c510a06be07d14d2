import "server-only";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan, RunStatus } from "@/lib/generated/prisma/enums";
import { BUDGET_EXCEEDED } from "./budgets/budget-limits";
import { isBilledStep } from "./billed-steps";
import { recordUsage } from "./record-usage";

export interface FinishedRun {
  status: RunStatus;
  usageEventId: string | null;
  agentTickId: string | null;
}

export interface FinishOptions {
  /** Fail the run with this reason whatever state its steps are in (used by the sweep). */
  failWith?: string;
  /** With failWith: the run's errorCode (e.g. "cap_exceeded"). */
  errorCode?: string;
  /**
   * A graph run that reached END: the steps whose outputs make the run's
   * output (several parallel ends: each framed by role).
   */
  endSteps?: number[];
  /** A graph run: its stepCount (maxSteps, held while it ran) becomes the visits it made. */
  graph?: boolean;
}

const TERMINAL: RunStatus[] = ["completed", "failed", "cancelled"];

interface RunRow {
  status: RunStatus;
  workflowId: string;
  agentTickId: string | null;
  cancelRequestedAt: Date | null;
  /** Set (with error) when a budget stopped the run. */
  errorCode: string | null;
  error: string | null;
  /** The workspace's plan now: the usage event records it. */
  plan: Plan;
}

const stepFields = {
  id: true,
  index: true,
  role: true,
  status: true,
  output: true,
  error: true,
  inputTokens: true,
  outputTokens: true,
  costUsd: true,
  approval: true,
  reused: true,
} as const;

/** The last step's output, or for a graph run the outputs of the steps that reached END. */
function runOutput(steps: { index: number; role: string; output: string | null }[], endSteps?: number[]) {
  if (!endSteps?.length) return steps.at(-1)!.output;
  const ends = endSteps.flatMap((i) => steps.filter((s) => s.index === i));
  if (ends.length === 1) return ends[0]!.output;
  return ends.map((s) => `## ${s.role}\n${s.output ?? ""}`).join("\n\n");
}

/**
 * Settles a run from its steps, once: completed (output = last step's output),
 * failed (error names the step's number and role), or cancelled. Totals are
 * summed from the steps (every model call, in failed steps too), and completed
 * or failed runs get exactly one usage event (kind run, with the workspace's
 * plan) billing their completed and failed steps. A cancelled run gets one too
 * when some of its steps did run, as those agent turns were spent.
 * Calling it again returns the settled state.
 */
export async function finishRun(scope: Scope, runId: string, options: FinishOptions = {}): Promise<FinishedRun> {
  return scope.db.$transaction(async (tx) => {
    // Row lock first: a concurrent finish (a retry, the sweep) waits here, and
    // the reads below, made after the lock is held, see what it committed.
    const locked = await tx.$queryRaw<RunRow[]>`
      SELECT r.status::text AS status, r."workflowId", r."agentTickId", r."cancelRequestedAt", r."errorCode", r.error, w.plan::text AS plan
      FROM "Run" r JOIN "Workspace" w ON w.id = r."workspaceId"
      WHERE r.id = ${runId} AND ${workspaceFilter(scope, "r")}
      FOR UPDATE OF r`;
    const run = locked[0];
    if (!run) throw new Error(`Run ${runId} not found`);
    if (TERMINAL.includes(run.status)) {
      const usage = await tx.usageEvent.findFirst({ where: { runId }, select: { id: true } });
      return { status: run.status, usageEventId: usage?.id ?? null, agentTickId: run.agentTickId };
    }
    const steps = await tx.step.findMany({ where: { runId }, orderBy: { index: "asc" }, select: stepFields });
    const failedAt = steps.findIndex((s) => s.status === "failed");
    const allDone = steps.length > 0 && steps.every((s) => s.status === "completed");
    const now = new Date();

    let status: RunStatus;
    let error: string | null = null;
    let errorStepIndex: number | null = null;
    let errorCode: string | null = null;
    let output: string | null = null;
    /** The step the sweep's reason is pinned on. */
    let failing: (typeof steps)[number] | undefined;
    const overBudget = run.errorCode === BUDGET_EXCEEDED;
    if (overBudget) {
      // A budget check stopped the run: its message stands, whatever the steps did.
      status = "failed";
      error = run.error;
    } else if (failedAt >= 0) {
      const s = steps[failedAt]!;
      status = "failed";
      error = `Step ${failedAt + 1} of ${steps.length} (${s.role}) failed: ${s.error ?? "unknown error"}`;
      errorStepIndex = s.index;
    } else if (allDone && !options.failWith && !(options.graph && !options.endSteps)) {
      // (A graph run is complete only when it reached END.)
      status = "completed";
      output = runOutput(steps, options.endSteps);
    } else if (run.cancelRequestedAt) {
      status = "cancelled";
    } else if (options.failWith) {
      const at = steps.findIndex((s) => s.status !== "completed");
      status = "failed";
      failing = steps[at];
      error = failing
        ? `Step ${at + 1} of ${steps.length} (${failing.role}) failed: ${options.failWith}`
        : options.failWith;
      errorStepIndex = failing ? failing.index : null;
      errorCode = options.errorCode ?? null;
    } else {
      throw new Error(`Run ${runId} cannot finish: its steps are not done`);
    }

    // Every model call is metered on its step as it answers, so the totals are every step's, a
    // failed or cut-short one included.
    // A fork's reused steps were billed in the original: not counted again.
    const own = steps.filter((s) => !s.reused);
    const totals = {
      inputTokens: own.reduce((n, s) => n + s.inputTokens, 0),
      outputTokens: own.reduce((n, s) => n + s.outputTokens, 0),
      costUsd: own.reduce((n, s) => n + Number(s.costUsd), 0),
    };
    const billed = steps.filter((s) => isBilledStep(s === failing ? { ...s, status: "failed" } : s));
    // One statement: the failing step (sweep), steps that never ran are closed so
    // nothing shows as pending forever, and the run itself.
    const reason =
      status === "cancelled"
        ? "Run cancelled"
        : overBudget
          ? "Not run: the run's budget was exceeded"
          : "Not run: an earlier step failed";
    const failStep = failing
      ? Prisma.sql`failing AS (
          UPDATE "Step" SET status = 'failed', error = ${options.failWith}, "finishedAt" = ${now}
          WHERE id = ${failing.id} AND ${workspaceFilter(scope)}
        ),`
      : Prisma.empty;
    await tx.$executeRaw`
      WITH ${failStep} closed AS (
        UPDATE "Step" SET status = 'cancelled', error = ${reason}, "finishedAt" = ${now}
        WHERE "runId" = ${runId} AND ${workspaceFilter(scope)}
          AND status IN ('pending', 'running') AND id <> ${failing?.id ?? ""}
      )
      UPDATE "Run" SET status = ${status}::"RunStatus", error = ${error}, "errorStepIndex" = ${errorStepIndex}::int,
        "errorCode" = COALESCE(${errorCode}, "errorCode"),
        output = ${output}, "inputTokens" = ${totals.inputTokens}::int, "outputTokens" = ${totals.outputTokens}::int,
        "costUsd" = ${totals.costUsd}::numeric, "finishedAt" = ${now}, "heartbeatAt" = ${now}, "waitingFor" = NULL,
        "stepCount" = COALESCE(${options.graph ? steps.length : null}::int, "stepCount")
      WHERE id = ${runId} AND ${workspaceFilter(scope)}`;

    let usageEventId: string | null = null;
    if (status !== "cancelled" || billed.length > 0) {
      usageEventId = await recordUsage(tx, {
        workspaceId: scope.workspaceId,
        runId,
        workflowId: run.workflowId,
        plan: run.plan,
        steps: billed.length,
        ...totals,
      });
    }
    return { status, usageEventId, agentTickId: run.agentTickId };
  });
}
