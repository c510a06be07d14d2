import "server-only";
import type { TenantDb } from "@/lib/db/tenant";
import type { Plan } from "@/lib/generated/prisma/enums";

export interface UsageTotals {
  workspaceId: string;
  runId: string;
  workflowId: string;
  /** The plan in force while the run used these steps; the meter report bills by it. */
  plan: Plan;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * Records the run's usage event. `runId` is unique, so a retried or repeated
 * call writes nothing new; returns the event's id either way.
 */
export async function recordUsage(tx: Pick<TenantDb, "usageEvent">, totals: UsageTotals): Promise<string> {
  const [created] = await tx.usageEvent.createManyAndReturn({
    data: [{ ...totals, kind: "run" }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (created) return created.id;
  const event = await tx.usageEvent.findFirstOrThrow({ where: { runId: totals.runId }, select: { id: true } });
  return event.id;
}
