import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { sendEvent } from "@/lib/engine/send-event";
import { webhookMessageEvent } from "./events";
import { serializeWebhookDelivery, webhookDeliverySelect } from "./serialize";

/**
 * Sends a message again, with the same webhook-id and body (a receiver that
 * kept it drops the repeat): its attempts start over. A message still being
 * retried is left to its retries.
 */
export async function redeliverWebhook(scope: Scope, endpointId: string, messageId: string) {
  const updated = await scope.db.webhookMessage.updateMany({
    where: { id: messageId, endpointId, status: { in: ["delivered", "failed"] } },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), deliveredAt: null },
  });
  const row = await scope.db.webhookMessage.findFirst({
    where: { id: messageId, endpointId },
    select: webhookDeliverySelect,
  });
  if (!row) throw notFound("Webhook delivery");
  if (updated.count > 0) await sendEvent(webhookMessageEvent(row.id, scope.workspaceId, `${endpointId}:${row.id}`));
  return serializeWebhookDelivery(row);
}
