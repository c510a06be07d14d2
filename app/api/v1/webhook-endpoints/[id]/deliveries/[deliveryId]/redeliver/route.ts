import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";

export const POST = withWorkspace(ops.redeliverWebhook, async ({ scope, params }) =>
  json(await redeliverWebhook(scope, params.id!, params.deliveryId!), 202),
);
