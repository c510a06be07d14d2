import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize";

export async function getWebhookEndpoint(scope: Scope, id: string) {
  const row = await scope.db.webhookEndpoint.findFirst({ where: { id }, select: webhookEndpointSelect });
  if (!row) throw notFound("Webhook endpoint");
  return serializeWebhookEndpoint(row);
}
