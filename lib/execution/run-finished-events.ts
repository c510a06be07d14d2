import { usageRecordedEvent } from "@/lib/billing/events";
import { RUN_FINISHED } from "@/lib/engine/events";
import type { Plan } from "@/lib/generated/prisma/enums";
import type { FinishedRun } from "@/lib/runs/finish-run";

/** The run's event as it was requested: which run, and the plan and owner it runs under. */
export interface RequestedRun {
  runId: string;
  workspaceId: string;
  plan?: Plan | null;
  ownerId?: string | null;
}

/**
 * What a finished run announces: run/finished (agents wait for it, and it
 * passes the plan and owner on so reflection runs under the same limits), and
 * usage/recorded when the run recorded usage (the Stripe meter report waits for it).
 */
export function runFinishedEvents({ runId, workspaceId, plan, ownerId }: RequestedRun, finished: FinishedRun) {
  return [
    {
      name: RUN_FINISHED,
      data: {
        runId,
        workspaceId,
        plan: plan ?? null,
        ownerId: ownerId ?? null,
        status: finished.status,
        agentTickId: finished.agentTickId,
        usageEventId: finished.usageEventId,
      },
    },
    ...(finished.usageEventId ? [usageRecordedEvent(finished.usageEventId, workspaceId)] : []),
  ];
}
