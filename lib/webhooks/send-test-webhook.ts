import "server-only";
import { randomBytes } from "node:crypto";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { publishWebhookEvent } from "./publish-webhook-event";
import { WEBHOOK_TEST_EVENT } from "./schemas";
import { serializeWebhookDelivery, webhookDeliverySelect } from "./serialize";

/** Queues a `webhook.test` message to one endpoint (whatever its events) and returns its delivery. */
export async function sendTestWebhook(scope: Scope, endpointId: string) {
  const endpoint = await scope.db.webhookEndpoint.findFirst({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw notFound("Webhook endpoint");
  const [id] = await publishWebhookEvent(scope, {
    type: WEBHOOK_TEST_EVENT,
    data: { message: "A test event from LoopLlama." },
    key: `test:${randomBytes(12).toString("base64url")}`,
    endpointId,
  });
  const row = await scope.db.webhookMessage.findFirst({ where: { id }, select: webhookDeliverySelect });
  if (!row) throw notFound("Webhook endpoint");
  return serializeWebhookDelivery(row);
}
