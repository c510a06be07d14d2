import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize";

/** Removes an endpoint and its delivery log; messages still being retried stop at their next attempt. */
export async function deleteWebhookEndpoint(scope: Scope, id: string) {
  const row = await scope.db.webhookEndpoint.findFirst({ where: { id }, select: webhookEndpointSelect });
  if (!row) throw notFound("Webhook endpoint");
  await scope.db.webhookEndpoint.deleteMany({ where: { id } });
  return serializeWebhookEndpoint(row);
}
