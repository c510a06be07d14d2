import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { recordUsage } from "./record-usage";

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

/**
 * Settles a run from its steps, once: completed (output = last step's output),
 * failed (error names the step's number and role), or cancelled. Totals are
 * summed from the steps, and completed or failed runs get exactly one usage
 * event. A cancelled run gets one too when some of its steps did complete, as
 * those agent turns were spent. Calling it again returns the settled state.
 */
export async function finishRun(scope: Scope, runId: string, options: FinishOptions = {}): Promise<FinishedRun> {
  return scope.db.$transaction(async (tx) => {
    // Row lock: a concurrent finish (a retry, the sweep) waits and then sees the settled run.
    await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${runId} AND "workspaceId" = ${scope.workspaceId} FOR UPDATE`;
    const run = await tx.run.findUniqueOrThrow({
      where: { id: runId },
      include: { steps: { orderBy: { index: "asc" } }, usageEvent: { select: { id: true } } },
    });
    if (TERMINAL.includes(run.status)) {
      return { status: run.status, usageEventId: run.usageEvent?.id ?? null, agentTickId: run.agentTickId };
    }
    const steps = run.steps;
    const failedAt = steps.findIndex((s) => s.status === "failed");
    const allDone = steps.length > 0 && steps.every((s) => s.status === "completed");
    const now = new Date();

    let status: RunStatus;
    let error: string | null = null;
    let errorStepIndex: number | null = null;
    let output: string | null = null;
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
      const s = steps[at];
      error = s ? `Step ${at + 1} of ${steps.length} (${s.role}) failed: ${options.failWith}` : options.failWith;
      errorStepIndex = s ? s.index : null;
      if (s) {
        await tx.step.update({
          where: { id: s.id },
          data: { status: "failed", error: options.failWith, finishedAt: now },
        });
      }
    } else {
      throw new Error(`Run ${runId} cannot finish: its steps are not done`);
    }

    // Steps that never ran are closed so nothing shows as pending forever.
    const reason = status === "cancelled" ? "Run cancelled" : "Not run: an earlier step failed";
    await tx.step.updateMany({
      where: { runId, status: { in: ["pending", "running"] } },
      data: { status: "cancelled", error: reason, finishedAt: now },
    });

    const done = steps.filter((s) => s.status === "completed");
    const totals = {
      inputTokens: done.reduce((n, s) => n + s.inputTokens, 0),
      outputTokens: done.reduce((n, s) => n + s.outputTokens, 0),
      costUsd: done.reduce((n, s) => n + Number(s.costUsd), 0),
    };
    await tx.run.update({
      where: { id: runId },
      data: { status, error, errorStepIndex, output, ...totals, finishedAt: now, heartbeatAt: now },
    });

    let usageEventId: string | null = null;
    if (status !== "cancelled" || done.length > 0) {
      usageEventId = await recordUsage(tx, {
        workspaceId: scope.workspaceId,
        runId,
        workflowId: run.workflowId,
        steps: done.length,
        ...totals,
      });
    }
    return { status, usageEventId, agentTickId: run.agentTickId };
  });
}
