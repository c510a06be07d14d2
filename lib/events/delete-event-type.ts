import "server-only";
import { conflict, notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { eventTypeSelect, serializeEventType } from "./serialize-event-type";
import { workflowsUsingEventType } from "./workflows-using-event-type";

/**
 * Deletes an event type (and its webhook). Its stored events stay, with their
 * name. Refused with 409 naming the workflows that start on it or emit it.
 */
export async function deleteEventType(scope: Scope, id: string) {
  const row = await scope.db.eventType.findFirst({ where: { id }, select: eventTypeSelect });
  if (!row) throw notFound("Event type");
  const users = await workflowsUsingEventType(scope, row.name);
  if (users.length > 0) {
    throw conflict(
      `Event type "${row.name}" is used by ${users.map((w) => `"${w.name}"`).join(", ")}; ` +
        "change those workflows first.",
      users.map((w) => ({ field: "id", message: `Used by workflow ${w.id} (${w.name})` })),
    );
  }
  await scope.db.eventType.deleteMany({ where: { id } });
  return serializeEventType(row);
}
