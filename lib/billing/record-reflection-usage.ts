import "server-only";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";

export interface ReflectionUsage {
  /** The run the reflection was about: one reflection per run, so one usage event per run. */
  runId: string;
  workflowId: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * Meters an answered reflection as one step, under the workspace's plan now.
 * `reflectedRunId` is unique, so a retried reflection writes nothing new; the
 * event's id is returned either way, for the meter report.
 */
export async function recordReflectionUsage(scope: Scope, usage: ReflectionUsage): Promise<string> {
  const { plan } = await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, select: { plan: true } });
  const [created] = await scope.db.usageEvent.createManyAndReturn({
    data: [
      {
        workspaceId: scope.workspaceId,
        kind: "reflection",
        reflectedRunId: usage.runId,
        workflowId: usage.workflowId,
        plan,
        steps: 1,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costUsd: usage.costUsd,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (created) return created.id;
  const existing = await scope.db.usageEvent.findFirstOrThrow({
    where: { reflectedRunId: usage.runId },
    select: { id: true },
  });
  return existing.id;
}
