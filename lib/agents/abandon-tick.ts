import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { appendAgentLog } from "./agent-log";

/**
 * A tick whose function failed for good: the tick is failed and its agent,
 * if still running it, goes back to idle so its next slot fires. The reason
 * goes to the agent's log.
 */
export async function abandonTick(scope: Scope, tickId: string, reason: string): Promise<{ agentId: string } | null> {
  const { workspaceId } = scope;
  return scope.db.$transaction(async (tx) => {
    const tick = await tx.agentTick.findFirst({ where: { id: tickId }, select: { agentId: true } });
    if (!tick) return null;
    await tx.agentTick.updateMany({
      where: { id: tickId, status: { in: ["claimed", "running"] } },
      data: { status: "failed", finishedAt: new Date() },
    });
    await tx.agent.updateMany({ where: { id: tick.agentId, status: "running" }, data: { status: "idle" } });
    await appendAgentLog(tx, workspaceId, tick.agentId, {
      level: "error",
      message: `Tick failed: ${reason}`.slice(0, 2000),
      data: { tickId },
    });
    return { agentId: tick.agentId };
  });
}
