import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { RunStatus } from "@/lib/generated/prisma/enums";

export interface StartedRun {
  /** False when the run had already finished (e.g. cancelled while queued). */
  proceed: boolean;
  status: RunStatus;
  stepCount: number;
  agentTickId: string | null;
}

/** Moves a queued run to running (a retried start finds it running and carries on). */
export async function startRun(scope: Scope, runId: string): Promise<StartedRun> {
  const now = new Date();
  await scope.db.run.updateMany({
    where: { id: runId, status: "queued", cancelRequestedAt: null },
    data: { status: "running", startedAt: now, heartbeatAt: now },
  });
  const run = await scope.db.run.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, agentTickId: true, _count: { select: { steps: true } } },
  });
  return {
    // A queued run with a cancel request goes straight to finishRun, which cancels it.
    proceed: run.status === "running",
    status: run.status,
    stepCount: run._count.steps,
    agentTickId: run.agentTickId,
  };
}
