import "server-only";
import { notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize";

/** Removes an endpoint and its delivery log; messages still being retried stop at their next attempt. */
export async function deleteWebhookEndpoint(scope: Scope, actor: AuditActor, id: string) {
  const row = await scope.db.webhookEndpoint.findFirst({ where: { id }, select: webhookEndpointSelect });
  if (!row) throw notFound("Webhook endpoint");
  await auditedWrite(
    scope,
    actor,
    async (tx) => {
      const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
      if (count === 0) throw notFound("Webhook endpoint");
    },
    () => ({ action: "webhook_endpoint.deleted", target: { type: "webhook_endpoint", id }, details: { url: row.url } }),
  );
  return serializeWebhookEndpoint(row);
}
