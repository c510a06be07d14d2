/** Sent after a usage event (a run's or a reflection's) is written. Data: { usageEventId, workspaceId }. */
export const USAGE_RECORDED = "usage/recorded";

/** The event for one usage event; its id makes sending it twice harmless. */
export function usageRecordedEvent(usageEventId: string, workspaceId: string) {
  return { name: USAGE_RECORDED, id: `usage-recorded:${usageEventId}`, data: { usageEventId, workspaceId } };
}
