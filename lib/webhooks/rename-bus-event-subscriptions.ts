import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { busWebhookEventType } from "./event-types";

/** After event type `from` was renamed `to`: the endpoints that listened for `event.<from>` now listen for `event.<to>`. */
export async function renameBusEventSubscriptions(scope: Scope, from: string, to: string): Promise<void> {
  const before = busWebhookEventType(from);
  const after = busWebhookEventType(to);
  const endpoints = await scope.db.webhookEndpoint.findMany({
    where: { events: { has: before } },
    select: { id: true, events: true },
  });
  for (const endpoint of endpoints) {
    const events = [...new Set(endpoint.events.map((type) => (type === before ? after : type)))];
    await scope.db.webhookEndpoint.updateMany({ where: { id: endpoint.id }, data: { events } });
  }
}
