import "server-only";
import { conflict } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { appendAgentLog } from "./agent-log";
import { getAgentRowOrThrow } from "./get-agent";

/**
 * "Start now": claims a manual tick for an idle or failed agent and marks it
 * running, in one transaction. The conditional status update is the claim, so
 * two clicks (or a click racing the scheduler) start one tick.
 */
export async function claimManualTick(scope: Scope, agentId: string, now = new Date()) {
  const agent = await getAgentRowOrThrow(scope, agentId);
  if (agent.status === "paused") throw conflict("The agent is paused; resume it first.");
  if (agent.workflows.length === 0) throw conflict("The agent has no workflows to run.");
  const { workspaceId } = scope;
  return scope.db.$transaction(async (tx) => {
    const claimed = await tx.agent.updateMany({
      where: { id: agentId, status: { in: ["idle", "failed"] } },
      data: { status: "running" },
    });
    if (claimed.count === 0) throw conflict("The agent is already running a tick.");
    const tick = await tx.agentTick.create({
      data: { workspaceId, agentId, scheduledFor: now, manual: true },
    });
    await appendAgentLog(tx, workspaceId, agentId, { message: "Started by hand.", data: { tickId: tick.id } });
    return tick;
  });
}
