import "server-only";
import { notFound } from "@/lib/http/errors";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
import type { Scope } from "@/lib/db/tenant";
import { serializeWebhookDelivery, webhookDeliverySelect } from "./serialize";

/** An endpoint's delivery log, newest first. */
export async function listWebhookDeliveries(
  scope: Scope,
  endpointId: string,
  page: { limit: number; cursor?: string },
) {
  const endpoint = await scope.db.webhookEndpoint.findFirst({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook endpoint");
  const rows = await scope.db.webhookMessage.findMany({
    where: { endpointId, ...afterCursor(page.cursor) },
    orderBy: newestFirst,
    take: page.limit + 1,
    select: webhookDeliverySelect,
  });
  return toPage(rows, page.limit, serializeWebhookDelivery);
}
