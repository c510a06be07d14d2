import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { rotateWebhookEndpointSecret } from "@/lib/webhooks/rotate-webhook-endpoint-secret";

export const POST = withWorkspace(ops.rotateWebhookEndpointSecret, async ({ scope, params }) =>
  json(await rotateWebhookEndpointSecret(scope, params.id!)),
);
