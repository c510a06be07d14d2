import "server-only";
import { notFound } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { assertBusEventTypes } from "./assert-bus-event-types";
import { assertReachableUrl } from "./outbound-policy";
import type { UpdateWebhookEndpointInput } from "./schemas";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize";

/** Changes an endpoint's URL, events or note, or stops and resumes its deliveries. */
export async function updateWebhookEndpoint(
  scope: Scope,
  actor: AuditActor,
  id: string,
  input: UpdateWebhookEndpointInput,
) {
  if (input.events !== undefined) await assertBusEventTypes(scope, input.events);
  if (input.url !== undefined) await assertReachableUrl(input.url);
  await auditedWrite(
    scope,
    actor,
    async (tx) => {
      const updated = await tx.webhookEndpoint.updateMany({
        where: { id },
        data: {
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.events !== undefined ? { events: input.events } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.disabled !== undefined ? { disabledAt: input.disabled ? new Date() : null } : {}),
        },
      });
      if (updated.count === 0) throw notFound("Webhook endpoint");
    },
    () => ({ action: "webhook_endpoint.updated", target: { type: "webhook_endpoint", id }, details: { ...input } }),
  );
  const row = await scope.db.webhookEndpoint.findFirst({ where: { id }, select: webhookEndpointSelect });
  if (!row) throw notFound("Webhook endpoint");
  return serializeWebhookEndpoint(row);
}
