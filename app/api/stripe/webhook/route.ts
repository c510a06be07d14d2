import { errorBody } from "@/lib/api/respond";
import { handleStripeWebhook, MAX_WEBHOOK_BYTES } from "@/lib/billing/handle-stripe-webhook";

/**
 * Stripe webhook: the raw body is verified against the Stripe-Signature header
 * before anything is read from it. Not under /api/v1 and not behind a session:
 * the signature is the authentication.
 */
export async function POST(request: Request): Promise<Response> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_WEBHOOK_BYTES) {
    return Response.json(errorBody("payload_too_large", "Webhook body is too large."), { status: 413 });
  }
  const payload = await request.text();
  const result = await handleStripeWebhook(payload, request.headers.get("stripe-signature"));
  if (!result.ok) return Response.json(errorBody(result.code, result.message), { status: result.status });
  return Response.json({ received: true, outcome: result.outcome });
}
