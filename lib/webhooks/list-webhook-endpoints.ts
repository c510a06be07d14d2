import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize";

export async function listWebhookEndpoints(scope: Scope) {
  const rows = await scope.db.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: webhookEndpointSelect,
  });
  return rows.map(serializeWebhookEndpoint);
}
