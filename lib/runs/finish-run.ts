import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan, RunStatus } from "@/lib/generated/prisma/enums";
import { recordUsage } from "./record-usage";
import { forgetContext } from "./run-context";

export interface FinishedRun {
  status: RunStatus;
  usageEventId: string | null;
  agentTickId: string | null;
}

export interface FinishOptions {
  /** Fail the run with this reason whatever state its steps are in (used by the sweep). */
  failWith?: string;
}

const TERMINAL: RunStatus[] = ["completed", "failed", "cancelled"];

interface StepRow {
  id: string;
  index: number;
  role: string;
  status: string;
  output: string | null;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | string;
}

interface RunRow {
  status: RunStatus;
  workflowId: string;
  agentTickId: string | null;
  cancelRequestedAt: Date | null;
  usageEventId: string | null;
  /** The workspace's plan now: the usage event records it. */
  plan: Plan;
  steps: StepRow[];
}

/**
 * Settles a run from its steps, once: completed (output = last step's output),
 * failed (error names the step's number and role), or cancelled. Totals are
 * summed from the steps, and completed or failed runs get exactly one usage
 * event. A cancelled run gets one too when some of its steps did complete, as
 * those agent turns were spent. Calling it again returns the settled state.
 */
export async function finishRun(scope: Scope, runId: string, options: FinishOptions = {}): Promise<FinishedRun> {
  forgetContext(scope.workspaceId, runId);
  return scope.db.$transaction(async (tx) => {
    // Row lock: a concurrent finish (a retry, the sweep) waits and then sees the settled run.
    // The same statement reads the run, its steps and its usage event. If the run row
    // changed after this statement's snapshot (we waited for its lock), the reads are
    // stale: they are made again, now under the lock.
    const read = (lock: boolean) => tx.$queryRaw<(RunRow & { changed: boolean })[]>`
      SELECT r.status::text AS status, r."workflowId", r."agentTickId", r."cancelRequestedAt",
        (SELECT u.id FROM "UsageEvent" u WHERE u."runId" = r.id AND u."workspaceId" = r."workspaceId") AS "usageEventId",
        (SELECT w.plan::text FROM "Workspace" w WHERE w.id = r."workspaceId") AS plan,
        COALESCE((
          SELECT json_agg(json_build_object(
            'id', s.id, 'index', s.index, 'role', s.role, 'status', s.status, 'output', s.output, 'error', s.error,
            'inputTokens', s."inputTokens", 'outputTokens', s."outputTokens", 'costUsd', s."costUsd"
          ) ORDER BY s.index)
          FROM "Step" s WHERE s."runId" = r.id AND s."workspaceId" = r."workspaceId"
        ), '[]'::json) AS steps,
        r.xmin::text IS DISTINCT FROM (SELECT o.xmin::text FROM "Run" o WHERE o.id = r.id) AS changed
      FROM "Run" r WHERE r.id = ${runId} AND r."workspaceId" = ${scope.workspaceId}
      ${lock ? Prisma.sql`FOR UPDATE OF r` : Prisma.empty}`;
    let rows = await read(true);
    if (rows[0]?.changed) rows = await read(false);
    const found = rows[0];
    if (!found) throw new Error(`Run ${runId} not found`);
    // Drivers may hand json columns back as text.
    const run = {
      ...found,
      steps: (typeof found.steps === "string" ? JSON.parse(found.steps) : found.steps) as StepRow[],
    };
    if (TERMINAL.includes(run.status)) {
      return { status: run.status, usageEventId: run.usageEventId, agentTickId: run.agentTickId };
    }
    const steps = run.steps;
    const failedAt = steps.findIndex((s) => s.status === "failed");
    const allDone = steps.length > 0 && steps.every((s) => s.status === "completed");
    const now = new Date();

    let status: RunStatus;
    let error: string | null = null;
    let errorStepIndex: number | null = null;
    let output: string | null = null;
    /** The step the sweep's reason is pinned on. */
    let failing: StepRow | undefined;
    if (failedAt >= 0) {
      const s = steps[failedAt]!;
      status = "failed";
      error = `Step ${failedAt + 1} of ${steps.length} (${s.role}) failed: ${s.error ?? "unknown error"}`;
      errorStepIndex = s.index;
    } else if (allDone && !options.failWith) {
      status = "completed";
      output = steps.at(-1)!.output;
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
    } else {
      throw new Error(`Run ${runId} cannot finish: its steps are not done`);
    }

    const done = steps.filter((s) => s.status === "completed");
    const totals = {
      inputTokens: done.reduce((n, s) => n + s.inputTokens, 0),
      outputTokens: done.reduce((n, s) => n + s.outputTokens, 0),
      costUsd: done.reduce((n, s) => n + Number(s.costUsd), 0),
    };
    // One statement: the failing step (sweep), steps that never ran are closed so
    // nothing shows as pending forever, and the run itself.
    const reason = status === "cancelled" ? "Run cancelled" : "Not run: an earlier step failed";
    const failStep = failing
      ? Prisma.sql`failing AS (
          UPDATE "Step" SET status = 'failed', error = ${options.failWith}, "finishedAt" = ${now}
          WHERE id = ${failing.id} AND "workspaceId" = ${scope.workspaceId}
        ),`
      : Prisma.empty;
    await tx.$executeRaw`
      WITH ${failStep} closed AS (
        UPDATE "Step" SET status = 'cancelled', error = ${reason}, "finishedAt" = ${now}
        WHERE "runId" = ${runId} AND "workspaceId" = ${scope.workspaceId}
          AND status IN ('pending', 'running') AND id <> ${failing?.id ?? ""}
      )
      UPDATE "Run" SET status = ${status}::"RunStatus", error = ${error}, "errorStepIndex" = ${errorStepIndex}::int,
        output = ${output}, "inputTokens" = ${totals.inputTokens}::int, "outputTokens" = ${totals.outputTokens}::int,
        "costUsd" = ${totals.costUsd}::numeric, "finishedAt" = ${now}, "heartbeatAt" = ${now}
      WHERE id = ${runId} AND "workspaceId" = ${scope.workspaceId}`;

    let usageEventId: string | null = null;
    if (status !== "cancelled" || done.length > 0) {
      usageEventId = await recordUsage(tx, {
        workspaceId: scope.workspaceId,
        runId,
        workflowId: run.workflowId,
        plan: run.plan,
        steps: done.length,
        ...totals,
      });
    }
    return { status, usageEventId, agentTickId: run.agentTickId };
  });
}
