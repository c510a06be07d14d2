import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";

export const POST = withWorkspace(ops.sendTestWebhook, async ({ scope, params }) =>
  json(await sendTestWebhook(scope, params.id!), 202),
);
