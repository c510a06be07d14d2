/** Event names the engine sends or listens to. */
export const RUN_REQUESTED = "run/requested";
/** Data: { runId, workspaceId, status, agentTickId, usageEventId }. */
export const RUN_FINISHED = "run/finished";
/** Sent by the in-process driver when it starts, so the sweep checks runs a dead process left. */
export const ENGINE_STARTED = "engine/started";
