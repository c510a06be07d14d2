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

/** Moves a queued run to running (a retried start finds it running and carries on), in one statement. */
export async function startRun(scope: Scope, runId: string): Promise<StartedRun> {
  const now = new Date();
  const rows = await scope.db.$queryRaw<{ status: RunStatus; stepCount: number; agentTickId: string | null }[]>`
    WITH started AS (
      UPDATE "Run" SET status = 'running', "startedAt" = ${now}, "heartbeatAt" = ${now}
      WHERE id = ${runId} AND "workspaceId" = ${scope.workspaceId} AND status = 'queued' AND "cancelRequestedAt" IS NULL
      RETURNING id
    )
    SELECT CASE WHEN EXISTS (SELECT 1 FROM started) THEN 'running' ELSE r.status::text END AS status,
      r."agentTickId",
      (SELECT count(*)::int FROM "Step" s WHERE s."runId" = r.id AND s."workspaceId" = r."workspaceId") AS "stepCount"
    FROM "Run" r WHERE r.id = ${runId} AND r."workspaceId" = ${scope.workspaceId}`;
  const run = rows[0];
  if (!run) throw new Error(`Run ${runId} not found`);
  return {
    // A queued run with a cancel request goes straight to finishRun, which cancels it.
    proceed: run.status === "running",
    status: run.status,
    stepCount: run.stepCount,
    agentTickId: run.agentTickId,
  };
}
