import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { isTerminalRunStatus } from "@/lib/workflows/run-status";

/** Whether the workspace's run has ended (completed, failed or cancelled); a missing run counts as ended. */
export async function isRunFinished(scope: Scope, runId: string): Promise<boolean> {
  const run = await scope.db.run.findFirst({ where: { id: runId }, select: { status: true } });
  return !run || isTerminalRunStatus(run.status);
}
