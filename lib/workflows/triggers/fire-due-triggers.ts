import "server-only";
import { AppError } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { scopeFor } from "@/lib/db/tenant";
import { createRun } from "@/lib/runs/create-run";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { cronTriggerOf, nextSlotAfter } from "./next-trigger-at";

export interface FiredTrigger {
  workflowId: string;
  workspaceId: string;
  /** The slot, as an ISO time: also the run's input. */
  slot: string;
  runId: string | null;
  /** Why no run started (a paused workflow, the plan's limits). */
  error: string | null;
}

const SWEEP_BATCH = 100;

/**
 * The scheduler's sweep for graphs with a cron trigger (run by the agent
 * scheduler, every minute; system work across workspaces, so the root client
 * finds the due workflows and each claim runs on the workflow's own tenant
 * client). A due slot is claimed by a conditional update that moves
 * nextTriggerAt from that slot to the first slot after `now` (missed slots are
 * not replayed: one run stands for them): a concurrent sweep sees the row
 * changed and updates nothing. The winner starts a run (triggeredBy
 * "schedule", input the slot's ISO time) whose idempotency key names the
 * workflow and the slot, so a retried claim never starts it twice. A run
 * refused by the plan's limits lets the slot pass; any other error puts the
 * slot back for the retried sweep.
 */
export async function fireDueTriggers(options: { now?: Date; workspaceIds?: string[] } = {}): Promise<FiredTrigger[]> {
  const now = options.now ?? new Date();
  const due = await db.workflow.findMany({
    where: {
      status: "active",
      nextTriggerAt: { lte: now },
      ...(options.workspaceIds ? { workspaceId: { in: options.workspaceIds } } : {}),
    },
    orderBy: { nextTriggerAt: "asc" },
    take: SWEEP_BATCH,
    select: { id: true, workspaceId: true, currentVersion: true, nextTriggerAt: true },
  });
  const fired: FiredTrigger[] = [];
  for (const workflow of due) {
    const slot = workflow.nextTriggerAt!;
    const scope = scopeFor(workflow.workspaceId);
    const version = await scope.db.workflowVersion.findFirst({
      where: { workflowId: workflow.id, version: workflow.currentVersion },
      select: { graph: true },
    });
    const trigger = cronTriggerOf(storedGraph(parseJsonColumn(version?.graph ?? null)));
    const next = trigger ? nextSlotAfter(trigger, now.getTime() > slot.getTime() ? now : slot) : null;
    const won = await scope.db.workflow.updateMany({
      where: { id: workflow.id, status: "active", nextTriggerAt: slot },
      data: { nextTriggerAt: next },
    });
    if (won.count === 0 || !trigger) continue;
    const base = { workflowId: workflow.id, workspaceId: workflow.workspaceId, slot: slot.toISOString() };
    try {
      const { run } = await createRun(scope, {
        workflowId: workflow.id,
        input: slot.toISOString(),
        idempotencyKey: `schedule:${workflow.id}:${slot.toISOString()}`,
        triggeredBy: "schedule",
      });
      fired.push({ ...base, runId: run.id, error: null });
    } catch (err) {
      // Refused (the plan's run limits, the workflow paused meanwhile): the slot passes, the next one fires.
      if (err instanceof AppError) {
        fired.push({ ...base, runId: null, error: err.message });
        continue;
      }
      // Any other failure (the database): the slot is put back so the retried sweep claims it again.
      await scope.db.workflow.updateMany({
        where: { id: workflow.id, nextTriggerAt: next },
        data: { nextTriggerAt: slot },
      });
      throw err;
    }
  }
  return fired;
}
