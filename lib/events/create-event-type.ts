import "server-only";
import { AppError, conflict } from "@/lib/http/errors";
import type { Scope, TenantTx } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { MAX_EVENT_TYPES_PER_WORKSPACE, type CreateEventTypeInput } from "./schemas";
import { eventTypeSelect, serializeEventType } from "./serialize-event-type";

export const eventNameTaken = (name: string) =>
  conflict(`An event type named "${name}" already exists in this workspace.`, [
    { field: "name", message: "Already in use" },
  ]);

/**
 * 409 when another event type of the workspace has this name in any case: "Incident" and
 * "incident" would read as one event in a workflow file.
 */
export async function assertEventNameFree(scope: Scope, name: string, exceptId?: string) {
  const other = await scope.db.eventType.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (other) throw eventNameTaken(other.name);
}

const tooManyEventTypes = () =>
  new AppError(
    400,
    "limit_reached",
    `A workspace can have at most ${MAX_EVENT_TYPES_PER_WORKSPACE} event types; delete one first.`,
  );

/** Declares an event type inside the caller's transaction (a Loopi reply's, with its workflows). */
export async function insertEventType(tx: TenantTx, workspaceId: string, input: CreateEventTypeInput) {
  if ((await tx.eventType.count()) >= MAX_EVENT_TYPES_PER_WORKSPACE) throw tooManyEventTypes();
  const other = await tx.eventType.findFirst({
    where: { name: { equals: input.name, mode: "insensitive" } },
    select: { name: true },
  });
  if (other) throw eventNameTaken(other.name);
  const row = await tx.eventType.create({
    data: { workspaceId, name: input.name, fields: input.fields, description: input.description ?? null },
    select: eventTypeSelect,
  });
  return serializeEventType(row);
}

/** Declares an event type; its name is unique in the workspace, whatever its case. */
export async function createEventType(scope: Scope, input: CreateEventTypeInput) {
  if ((await scope.db.eventType.count()) >= MAX_EVENT_TYPES_PER_WORKSPACE) throw tooManyEventTypes();
  await assertEventNameFree(scope, input.name);
  try {
    const row = await scope.db.eventType.create({
      data: {
        workspaceId: scope.workspaceId,
        name: input.name,
        fields: input.fields,
        description: input.description ?? null,
      },
      select: eventTypeSelect,
    });
    return serializeEventType(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw eventNameTaken(input.name);
    throw err;
  }
}
