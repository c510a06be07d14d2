import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { eventTypeSelect, serializeEventType } from "./serialize-event-type";

/** Turns the event type's webhook off: its URL answers 404 and its secret is forgotten. */
export async function disableWebhook(scope: Scope, id: string) {
  const updated = await scope.db.eventType.updateMany({
    where: { id },
    data: { webhookId: null, webhookSecret: null },
  });
  if (updated.count === 0) throw notFound("Event type");
  const row = await scope.db.eventType.findFirst({ where: { id }, select: eventTypeSelect });
  if (!row) throw notFound("Event type");
  return serializeEventType(row);
}
