import "server-only";
import { badRequest } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { BUS_EVENT_PREFIX } from "./event-types";

/**
 * Checks that every `event.<name>` an endpoint lists names an event type of
 * the workspace: 400 naming `events.<index>` of the first that does not.
 */
export async function assertBusEventTypes(scope: Scope, events: readonly string[]): Promise<void> {
  const wanted = events
    .map((type, index) => ({
      index,
      name: type.slice(BUS_EVENT_PREFIX.length),
      bus: type.startsWith(BUS_EVENT_PREFIX),
    }))
    .filter((e) => e.bus);
  if (wanted.length === 0) return;
  const known = await scope.db.eventType.findMany({
    where: { name: { in: wanted.map((e) => e.name) } },
    select: { name: true },
  });
  const names = new Set(known.map((t) => t.name));
  const missing = wanted.filter((e) => !names.has(e.name));
  if (missing.length === 0) return;
  const details = missing.map((e) => ({
    field: `events.${e.index}`,
    message: `The workspace has no event type "${e.name}"; register it under Events first`,
  }));
  throw badRequest(`Invalid ${details[0]!.field}: ${details[0]!.message}`, details);
}
