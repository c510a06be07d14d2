import { notFound } from "@/lib/http/errors";
import { pathParamSchema } from "@/lib/api/handler";
import { readBodyText } from "@/lib/http/read-body-text";
import { errorResponse, json } from "@/lib/http/respond";
import { MAX_HOOK_BODY_BYTES, receiveWebhook } from "@/lib/events/receive-webhook";

/**
 * An event type's incoming webhook: the body is the event's data. No API
 * token: the delivery is signed the Standard Webhooks way (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`); a legacy hook takes `?secret=` or
 * `X-LoopLlama-Signature` instead. 202 with the event and its runs, as
 * POST /api/v1/events answers; 200 with the first delivery's event and runs
 * when its webhook-id was seen before.
 */
export async function POST(request: Request, context: { params: Promise<{ hookId: string }> }): Promise<Response> {
  try {
    const { hookId } = await context.params;
    if (!pathParamSchema.safeParse(hookId).success) throw notFound("Webhook");
    const body = await readBodyText(request, MAX_HOOK_BODY_BYTES);
    const headers = request.headers;
    const key = headers.get("idempotency-key");
    const { replayed, ...result } = await receiveWebhook({
      hookId,
      body,
      signed: {
        id: headers.get("webhook-id"),
        timestamp: headers.get("webhook-timestamp"),
        signature: headers.get("webhook-signature"),
      },
      secret: new URL(request.url).searchParams.get("secret"),
      signature: headers.get("x-loopllama-signature"),
      idempotencyKey: key && key.length <= 200 ? key : null,
    });
    return json(result, replayed ? 200 : 202);
  } catch (err) {
    return errorResponse(err);
  }
}
