import { notFound } from "@/lib/api/errors";
import { pathParamSchema } from "@/lib/api/handler";
import { readBodyText } from "@/lib/api/read-body-text";
import { errorResponse, json } from "@/lib/api/respond";
import { MAX_HOOK_BODY_BYTES, receiveWebhook } from "@/lib/events/receive-webhook";

/**
 * An event type's incoming webhook: the body is the event's data. No API
 * token: the request carries the hook's secret (`?secret=`) or signs the body
 * (`X-LoopLlama-Signature: sha256=<HMAC-SHA256 hex>`). 202 with the event and
 * its runs, as POST /api/v1/events answers.
 */
export async function POST(request: Request, context: { params: Promise<{ hookId: string }> }): Promise<Response> {
  try {
    const { hookId } = await context.params;
    if (!pathParamSchema.safeParse(hookId).success) throw notFound("Webhook");
    const body = await readBodyText(request, MAX_HOOK_BODY_BYTES);
    const key = request.headers.get("idempotency-key");
    const result = await receiveWebhook({
      hookId,
      body,
      secret: new URL(request.url).searchParams.get("secret"),
      signature: request.headers.get("x-loopllama-signature"),
      idempotencyKey: key && key.length <= 200 ? key : null,
    });
    return json(result, 202);
  } catch (err) {
    return errorResponse(err);
  }
}
