import type { AgentDto } from "./agent-types";

/** A tick asked for with "Start now", until the agent shows it ran. */
export interface PendingTick {
  tickId: string;
  /** The agent's lastRunAt when the tick was asked for. */
  lastRunAt: string | null;
  /** When it was asked for (ms): an engine that never picks it up stops the polling after MAX_TICK_WAIT_MS. */
  since: number;
}

export const MAX_TICK_WAIT_MS = 10 * 60_000;

/**
 * Whether the page should keep refreshing the agent: while it runs, and after
 * "Start now" until its last run moves on (the answer to Start comes before the
 * tick begins, when the agent still reads idle with its old last run).
 */
export function tickInProgress(agent: AgentDto | undefined, pending: PendingTick | null | undefined, now: number) {
  if (!agent) return false;
  if (agent.status === "running") return true;
  if (!pending || agent.status === "paused") return false;
  return agent.lastRunAt === pending.lastRunAt && now - pending.since < MAX_TICK_WAIT_MS;
}
