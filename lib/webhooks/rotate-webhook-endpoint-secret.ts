import "server-only";
import { notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { newEndpointSecret, ROTATION_OVERLAP_MS, sealEndpointSecret } from "./endpoint-secret";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize";

/**
 * A new signing secret, returned once. For a day the old one signs beside it
 * (two signatures in `webhook-signature`), so a receiver can switch over
 * without refusing a delivery.
 */
export async function rotateWebhookEndpointSecret(scope: Scope, actor: AuditActor, id: string) {
  const current = await scope.db.webhookEndpoint.findFirst({ where: { id }, select: { secret: true } });
  if (!current) throw notFound("Webhook endpoint");
  const secret = newEndpointSecret();
  await auditedWrite(
    scope,
    actor,
    async (tx) => {
      const updated = await tx.webhookEndpoint.updateMany({
        where: { id, secret: current.secret },
        data: {
          secret: sealEndpointSecret(scope.workspaceId, secret),
          previousSecret: current.secret,
          previousSecretUntil: new Date(Date.now() + ROTATION_OVERLAP_MS),
        },
      });
      if (updated.count === 0) throw notFound("Webhook endpoint");
    },
    () => ({ action: "webhook_endpoint.rotated", target: { type: "webhook_endpoint", id } }),
  );
  const row = await scope.db.webhookEndpoint.findFirst({ where: { id }, select: webhookEndpointSelect });
  if (!row) throw notFound("Webhook endpoint");
  return { ...serializeWebhookEndpoint(row), secret };
}
