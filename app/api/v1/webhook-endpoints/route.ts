import { auditActor } from "@/lib/api/audit";
import * as ops from "@/lib/api/operations/webhook-endpoints";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";

export const GET = withWorkspace(ops.listWebhookEndpoints, async ({ scope }) =>
  json({ data: await listWebhookEndpoints(scope) }),
);

export const POST = withWorkspace(ops.createWebhookEndpoint, async (ctx) => {
  return json(await createWebhookEndpoint(ctx.scope, auditActor(ctx.caller, ctx.request), ctx.body), 201);
});
