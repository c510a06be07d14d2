import { auditActor } from "@/lib/api/audit";
import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";

export const GET = withWorkspace(ops.getWebhookEndpoint, async ({ scope, params }) =>
  json(await getWebhookEndpoint(scope, params.id!)),
);

export const PATCH = withWorkspace(ops.updateWebhookEndpoint, async (ctx) => {
  return json(await updateWebhookEndpoint(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!, ctx.body));
});

export const DELETE = withWorkspace(ops.deleteWebhookEndpoint, async (ctx) => {
  return json(await deleteWebhookEndpoint(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!));
});
