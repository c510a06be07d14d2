import "server-only";
import { AppError } from "@/lib/http/errors";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { assertBusEventTypes } from "./assert-bus-event-types";
import { newEndpointSecret, sealEndpointSecret } from "./endpoint-secret";
import { assertReachableUrl } from "./outbound-policy";
import { MAX_WEBHOOK_ENDPOINTS_PER_WORKSPACE, type CreateWebhookEndpointInput } from "./schemas";
import { serializeWebhookEndpoint, webhookEndpointSelect } from "./serialize";

/** Registers an endpoint; its signing secret is returned here and never again. */
export async function createWebhookEndpoint(scope: Scope, actor: AuditActor, input: CreateWebhookEndpointInput) {
  await assertBusEventTypes(scope, input.events);
  await assertReachableUrl(input.url);
  if ((await scope.db.webhookEndpoint.count()) >= MAX_WEBHOOK_ENDPOINTS_PER_WORKSPACE) {
    throw new AppError(
      400,
      "limit_reached",
      `A workspace can have at most ${MAX_WEBHOOK_ENDPOINTS_PER_WORKSPACE} webhook endpoints; delete one first.`,
    );
  }
  const secret = newEndpointSecret();
  const row = await auditedWrite(
    scope,
    actor,
    (tx) =>
      tx.webhookEndpoint.create({
        data: {
          workspaceId: scope.workspaceId,
          url: input.url,
          events: input.events,
          description: input.description ?? "",
          secret: sealEndpointSecret(scope.workspaceId, secret),
        },
        select: webhookEndpointSelect,
      }),
    (created) => ({
      action: "webhook_endpoint.created",
      target: { type: "webhook_endpoint", id: created.id },
      details: { url: created.url, events: created.events },
    }),
  );
  return { ...serializeWebhookEndpoint(row), secret };
}
