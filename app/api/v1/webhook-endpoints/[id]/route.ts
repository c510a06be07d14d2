import { audit } from "@/lib/api/audit";
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
  const updated = await updateWebhookEndpoint(ctx.scope, ctx.params.id!, ctx.body);
  await audit(ctx, "webhook_endpoint.updated", { type: "webhook_endpoint", id: updated.id }, { ...ctx.body });
  return json(updated);
});

export const DELETE = withWorkspace(ops.deleteWebhookEndpoint, async (ctx) => {
  const deleted = await deleteWebhookEndpoint(ctx.scope, ctx.params.id!);
  await audit(ctx, "webhook_endpoint.deleted", { type: "webhook_endpoint", id: deleted.id }, { url: deleted.url });
  return json(deleted);
});
