import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { eventTypeSelect, serializeEventType } from "./serialize-event-type";

/** One event type; 404 when absent or another workspace's. */
export async function getEventType(scope: Scope, id: string) {
  const row = await scope.db.eventType.findFirst({ where: { id }, select: eventTypeSelect });
  if (!row) throw notFound("Event type");
  return serializeEventType(row);
}
