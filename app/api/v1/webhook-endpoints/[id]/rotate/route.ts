import { audit } from "@/lib/api/audit";
import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { rotateWebhookEndpointSecret } from "@/lib/webhooks/rotate-webhook-endpoint-secret";

export const POST = withWorkspace(ops.rotateWebhookEndpointSecret, async (ctx) => {
  const rotated = await rotateWebhookEndpointSecret(ctx.scope, ctx.params.id!);
  await audit(ctx, "webhook_endpoint.rotated", { type: "webhook_endpoint", id: rotated.id });
  return json(rotated);
});
