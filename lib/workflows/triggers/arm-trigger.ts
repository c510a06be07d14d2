import "server-only";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import type { Scope } from "@/lib/db/tenant";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { nextTriggerAt } from "./next-trigger-at";

/**
 * Re-arms (or disarms) a workflow's cron trigger from its current version and
 * status: called after a change that does not go through a new version
 * (pausing, resuming, putting back an earlier current version).
 */
export async function armTrigger({ db }: Scope, workflowId: string): Promise<void> {
  const workflow = await db.workflow.findFirst({
    where: { id: workflowId },
    select: { status: true, currentVersion: true, nextTriggerAt: true },
  });
  if (!workflow) return;
  const version = await db.workflowVersion.findFirst({
    where: { workflowId, version: workflow.currentVersion },
    select: { graph: true },
  });
  const next = nextTriggerAt(
    storedGraph(parseJsonColumn(version?.graph ?? null)),
    workflow.status,
    workflow.nextTriggerAt,
  );
  if (next?.getTime() === workflow.nextTriggerAt?.getTime()) return;
  await db.workflow.updateMany({ where: { id: workflowId }, data: { nextTriggerAt: next } });
}
