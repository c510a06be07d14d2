import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { appendAgentLog } from "./agent-log";
import { getAgentRowOrThrow } from "./get-agent";
import { nextRunAfter } from "./schedule";
import { scheduleFromColumns } from "./schedule-columns";
import { agentInclude, serializeAgent } from "./serialize-agent";

/** Pauses an agent: no scheduled tick fires until it is resumed. A tick already under way finishes. */
export async function pauseAgent(scope: Scope, id: string) {
  await getAgentRowOrThrow(scope, id);
  const { workspaceId } = scope;
  const row = await scope.db.$transaction(async (tx) => {
    const changed = await tx.agent.updateMany({
      where: { id, status: { not: "paused" } },
      data: { status: "paused", nextRunAt: null },
    });
    if (changed.count) await appendAgentLog(tx, workspaceId, id, { message: "Agent paused." });
    return tx.agent.findFirstOrThrow({ where: { id }, include: agentInclude });
  });
  return serializeAgent(row);
}

/**
 * Resumes a paused or failed agent: it becomes idle and its next run is the
 * schedule's next slot from now (slots missed while paused are not replayed).
 */
export async function resumeAgent(scope: Scope, id: string) {
  const existing = await getAgentRowOrThrow(scope, id);
  const { workspaceId } = scope;
  const schedule = scheduleFromColumns(existing);
  const row = await scope.db.$transaction(async (tx) => {
    const changed = await tx.agent.updateMany({
      where: { id, status: { in: ["paused", "failed"] } },
      data: { status: "idle", nextRunAt: nextRunAfter(schedule) },
    });
    if (changed.count)
      await appendAgentLog(tx, workspaceId, id, { message: `Agent resumed (was ${existing.status}).` });
    return tx.agent.findFirstOrThrow({ where: { id }, include: agentInclude });
  });
  return serializeAgent(row);
}
