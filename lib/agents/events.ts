export const AGENT_TICK_EVENT = "agent/tick";
export const AGENT_TICK_READY = "agent/tick.ready";

/** Starts one agent tick; the id makes re-sending it harmless. */
export function agentTickEvent(tick: { tickId: string; agentId: string; workspaceId: string }) {
  return {
    name: AGENT_TICK_EVENT,
    id: `agent-tick-${tick.tickId}`,
    data: { tickId: tick.tickId, agentId: tick.agentId, workspaceId: tick.workspaceId },
  };
}

/** Sent once a tick has created all its runs, so a tick whose runs already ended is reflected on. */
export function tickReadyEvent(tick: { tickId: string; agentId: string; workspaceId: string }) {
  return {
    name: AGENT_TICK_READY,
    id: `agent-tick-ready-${tick.tickId}`,
    data: { tickId: tick.tickId, agentId: tick.agentId, workspaceId: tick.workspaceId },
  };
}
