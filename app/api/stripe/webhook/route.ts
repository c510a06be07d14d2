import { readBodyText } from "@/lib/http/read-body-text";
import { errorBody, errorResponse } from "@/lib/http/respond";
import { handleStripeWebhook, MAX_WEBHOOK_BYTES } from "@/lib/billing/handle-stripe-webhook";

/**
 * Stripe webhook: the raw body (read with the size cap, 413 past it even while
 * it streams) is verified against the Stripe-Signature header before anything
 * is read from it. Not under /api/v1 and not behind a session: the signature
 * is the authentication.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const payload = await readBodyText(request, MAX_WEBHOOK_BYTES);
    const result = await handleStripeWebhook(payload, request.headers.get("stripe-signature"));
    if (!result.ok) return Response.json(errorBody(result.code, result.message), { status: result.status });
    return Response.json({ received: true, outcome: result.outcome });
  } catch (err) {
    return errorResponse(err);
  }
}
