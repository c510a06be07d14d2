import "server-only";
import { conflict, notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { renameBusEventSubscriptions } from "@/lib/webhooks/rename-bus-event-subscriptions";
import { assertEventNameFree, eventNameTaken } from "./create-event-type";
import type { UpdateEventTypeInput } from "./schemas";
import { eventTypeSelect, serializeEventType } from "./serialize-event-type";
import { workflowsUsingEventType } from "./workflows-using-event-type";

const sameFields = (a: unknown, b: unknown) =>
  JSON.stringify(Object.entries(a as object).sort()) === JSON.stringify(Object.entries(b as object).sort());

/**
 * Renames an event type, changes its fields or its description. While a
 * workflow starts on it or emits it, its name and fields stay as they are
 * (their templates and emits were checked against them): 409 naming them.
 * Webhook endpoints that listen for it follow a rename.
 */
export async function updateEventType(scope: Scope, id: string, input: UpdateEventTypeInput) {
  const current = await scope.db.eventType.findFirst({ where: { id }, select: { name: true, fields: true } });
  if (!current) throw notFound("Event type");
  const renamed = input.name !== undefined && input.name !== current.name;
  const refielded = input.fields !== undefined && !sameFields(input.fields, current.fields);
  if (renamed || refielded) {
    const users = await workflowsUsingEventType(scope, current.name);
    if (users.length > 0) {
      throw conflict(
        `Event type "${current.name}" is used by ${users.map((w) => `"${w.name}"`).join(", ")}; ` +
          `change those workflows first, then its ${renamed ? "name" : "fields"}.`,
        users.map((w) => ({ field: renamed ? "name" : "fields", message: `Used by workflow ${w.id}` })),
      );
    }
  }
  if (renamed) await assertEventNameFree(scope, input.name!, id);
  try {
    const row = await scope.db.eventType.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.fields !== undefined ? { fields: input.fields } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      },
      select: eventTypeSelect,
    });
    if (renamed) await renameBusEventSubscriptions(scope, current.name, row.name);
    return serializeEventType(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw eventNameTaken(input.name ?? current.name);
    throw err;
  }
}
