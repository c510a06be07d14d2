import "server-only";
import { workspaceOwner, type WorkspaceOwner } from "@/lib/billing/workspace-owner";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { appendAgentLog } from "./agent-log";
import { nextRunAfterTick } from "./schedule";
import { scheduleFromColumns } from "./schedule-columns";

export interface ClaimedTick extends WorkspaceOwner {
  tickId: string;
  agentId: string;
  workspaceId: string;
  scheduledFor: string;
}

const SWEEP_BATCH = 100;

/**
 * The scheduler's sweep (system work across workspaces, so the root client
 * finds the due agents; each claim runs on the agent's own tenant client).
 *
 * An idle agent whose nextRunAt has passed is due. Failed and paused agents
 * never fire (they wait to be resumed); a running one fires after its tick ends.
 * Claiming a due agent, in one transaction:
 *  1. a conditional update (still idle, nextRunAt still the due time) marks it
 *     running and advances nextRunAt to the first slot after `now`; a
 *     concurrent sweep sees the row changed and updates nothing;
 *  2. inserting AgentTick(agentId, scheduledFor = due time); the unique key
 *     makes a retried or concurrent claim of the same slot fail and roll back.
 * However many slots were missed (server down), one tick fires for them.
 */
export async function claimDueTicks(options: { now?: Date; workspaceIds?: string[] } = {}): Promise<ClaimedTick[]> {
  const now = options.now ?? new Date();
  const due = await db.agent.findMany({
    where: {
      status: "idle",
      nextRunAt: { lte: now },
      ...(options.workspaceIds ? { workspaceId: { in: options.workspaceIds } } : {}),
    },
    orderBy: { nextRunAt: "asc" },
    take: SWEEP_BATCH,
  });
  const claimed: ClaimedTick[] = [];
  for (const agent of due) {
    const dueAt = agent.nextRunAt!;
    const scope = scopeFor(agent.workspaceId);
    const next = nextRunAfterTick(scheduleFromColumns(agent), dueAt, now);
    try {
      const tick = await scope.db.$transaction(async (tx) => {
        const won = await tx.agent.updateMany({
          where: { id: agent.id, status: "idle", nextRunAt: dueAt },
          data: { status: "running", nextRunAt: next },
        });
        if (won.count === 0) return null;
        const row = await tx.agentTick.create({
          data: { workspaceId: agent.workspaceId, agentId: agent.id, scheduledFor: dueAt },
        });
        await appendAgentLog(tx, agent.workspaceId, agent.id, {
          message: `Scheduled tick for ${dueAt.toISOString()} started.`,
          data: { tickId: row.id, nextRunAt: next?.toISOString() ?? null },
        });
        return row;
      });
      if (tick) {
        claimed.push({
          tickId: tick.id,
          agentId: agent.id,
          workspaceId: agent.workspaceId,
          scheduledFor: dueAt.toISOString(),
          ...(await workspaceOwner(db, agent.workspaceId)),
        });
      }
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return claimed;
}

/**
 * Ticks claimed a while ago whose start never happened (the event was lost
 * with a crash between claim and send). Re-sending is safe: the event id is
 * the tick id, so the engine starts each tick once.
 */
export async function staleClaimedTicks(now = new Date(), olderThanMs = 2 * 60_000): Promise<ClaimedTick[]> {
  const rows = await db.agentTick.findMany({
    where: { status: "claimed", createdAt: { lte: new Date(now.getTime() - olderThanMs) } },
    take: SWEEP_BATCH,
  });
  return Promise.all(
    rows.map(async (t) => ({
      tickId: t.id,
      agentId: t.agentId,
      workspaceId: t.workspaceId,
      scheduledFor: t.scheduledFor.toISOString(),
      ...(await workspaceOwner(db, t.workspaceId)),
    })),
  );
}
