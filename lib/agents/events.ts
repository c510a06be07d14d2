import type { Plan } from "@/lib/generated/prisma/enums";

export const AGENT_TICK_EVENT = "agent/tick";

/** A tick, with its workspace's plan and owner (lib/billing/workspace-owner) for the plan's limits. */
export interface TickRef {
  tickId: string;
  agentId: string;
  workspaceId: string;
  plan?: Plan | null;
  ownerId?: string | null;
}
export const AGENT_TICK_READY = "agent/tick.ready";

/** Starts one agent tick; the id makes re-sending it harmless. */
export function agentTickEvent(tick: TickRef) {
  return {
    name: AGENT_TICK_EVENT,
    id: `agent-tick-${tick.tickId}`,
    data: {
      tickId: tick.tickId,
      agentId: tick.agentId,
      workspaceId: tick.workspaceId,
      plan: tick.plan ?? null,
      ownerId: tick.ownerId ?? null,
    },
  };
}

/** Sent once a tick has created all its runs, so a tick whose runs already ended is reflected on. */
export function tickReadyEvent(tick: TickRef) {
  return {
    name: AGENT_TICK_READY,
    id: `agent-tick-ready-${tick.tickId}`,
    data: {
      tickId: tick.tickId,
      agentId: tick.agentId,
      workspaceId: tick.workspaceId,
      plan: tick.plan ?? null,
      ownerId: tick.ownerId ?? null,
    },
  };
}
