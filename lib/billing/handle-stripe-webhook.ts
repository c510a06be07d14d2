import "server-only";
import type Stripe from "stripe";
import { applyStripeEvent, type StripeEventOutcome } from "./apply-stripe-event";
import { stripeWebhooks } from "./stripe-client";
import { stripeEnv } from "./stripe-env";

/** Webhook bodies are small; anything larger is not from Stripe. */
export const MAX_WEBHOOK_BYTES = 512 * 1024;

export type WebhookResult =
  { ok: true; outcome: StripeEventOutcome } | { ok: false; status: number; code: string; message: string };

/** Verifies a webhook delivery's signature and applies the event once. */
export async function handleStripeWebhook(payload: string, signature: string | null): Promise<WebhookResult> {
  const secret = stripeEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    return { ok: false, status: 503, code: "billing_not_configured", message: "STRIPE_WEBHOOK_SECRET is not set." };
  }
  if (Buffer.byteLength(payload) > MAX_WEBHOOK_BYTES) {
    return { ok: false, status: 413, code: "payload_too_large", message: "Webhook body is too large." };
  }
  if (!signature) {
    return { ok: false, status: 400, code: "invalid_signature", message: "Missing Stripe-Signature header." };
  }
  let event: Stripe.Event;
  try {
    event = stripeWebhooks().constructEvent(payload, signature, secret);
  } catch {
    return { ok: false, status: 400, code: "invalid_signature", message: "Webhook signature verification failed." };
  }
  return { ok: true, outcome: await applyStripeEvent(event) };
}
