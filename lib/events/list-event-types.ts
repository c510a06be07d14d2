import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { eventTypeSelect, serializeEventType } from "./serialize-event-type";

/** The workspace's event types by name (at most MAX_EVENT_TYPES_PER_WORKSPACE). */
export async function listEventTypes(scope: Scope) {
  const rows = await scope.db.eventType.findMany({ select: eventTypeSelect, orderBy: [{ name: "asc" }] });
  return rows.map(serializeEventType);
}
