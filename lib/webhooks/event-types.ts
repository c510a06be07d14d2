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

/** Before an event type's name: `event.OrderPlaced` subscribes to the workspace's own bus event OrderPlaced. */
export const BUS_EVENT_PREFIX = "event.";
export type BusWebhookEventType = `event.${string}`;

/** The webhook event type of the workspace's bus event `name`. */
export const busWebhookEventType = (name: string): BusWebhookEventType => `${BUS_EVENT_PREFIX}${name}`;
