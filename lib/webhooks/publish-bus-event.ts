import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { busWebhookEventType } from "./event-types";
import { publishWebhookEvent } from "./publish-webhook-event";

/** A bus event as it was stored. */
export interface BusEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  source: string;
  sourceRunId: string | null;
  depth: number;
  createdAt: string;
}

/**
 * `event.<name>` to the endpoints that listen for the workspace's bus event
 * `name`: its id, data and where it came from (the API, a sensor webhook, a
 * step's `emits`). Once per event, however often its emit is retried; events
 * a run's steps emit are delivered in the run's order.
 */
export async function publishBusEvent(scope: Scope, event: BusEvent): Promise<void> {
  const type = busWebhookEventType(event.name);
  await publishWebhookEvent(scope, {
    type,
    data: {
      eventId: event.id,
      name: event.name,
      data: event.data,
      source: event.source,
      sourceRunId: event.sourceRunId,
      depth: event.depth,
      createdAt: event.createdAt,
    },
    key: `${type}:${event.id}`,
    ...(event.sourceRunId ? { orderKey: event.sourceRunId } : {}),
  });
}
