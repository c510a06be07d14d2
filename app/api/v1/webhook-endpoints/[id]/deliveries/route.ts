import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";

export const GET = withWorkspace(ops.listWebhookDeliveries, async ({ scope, params, query }) =>
  json(await listWebhookDeliveries(scope, params.id!, query)),
);
