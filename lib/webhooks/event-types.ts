/** The events a workspace's endpoints can ask for. */
export const WEBHOOK_EVENT_TYPES = [
  "run.started",
  "run.completed",
  "run.failed",
  "run.cancelled",
  "step.completed",
  "step.failed",
  "budget.exceeded",
  "agent.reflected",
  "approval.requested",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
