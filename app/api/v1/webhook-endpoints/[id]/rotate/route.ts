import { auditActor } from "@/lib/api/audit";
import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { rotateWebhookEndpointSecret } from "@/lib/webhooks/rotate-webhook-endpoint-secret";

export const POST = withWorkspace(ops.rotateWebhookEndpointSecret, async (ctx) => {
  return json(await rotateWebhookEndpointSecret(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.params.id!));
});
