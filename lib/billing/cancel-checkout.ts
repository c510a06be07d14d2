import "server-only";
import { conflict } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { billingNotConfigured } from "./billing-errors";
import { stripeClient } from "./stripe-client";

/**
 * Abandons the workspace's open Checkout, so another can start at once: the
 * session is expired at Stripe, then the slot is freed. Nothing open is fine.
 * Refused with 409 when the session was already paid (the subscription is
 * being created) or is still being created.
 */
export async function cancelCheckout(scope: Scope): Promise<void> {
  const stripe = stripeClient();
  if (!stripe) throw billingNotConfigured();
  const open = await scope.db.checkoutSession.findFirst({ select: { stripeSessionId: true, expiresAt: true } });
  if (!open || open.expiresAt <= new Date()) return;
  if (!open.stripeSessionId) throw conflict("This Checkout is still being created; try again in a moment.");
  const session = await stripe.checkout.sessions.retrieve(open.stripeSessionId);
  if (session.status === "complete") {
    throw conflict("This Checkout has been paid: the subscription is being created, so it cannot be cancelled.");
  }
  if (session.status === "open") await stripe.checkout.sessions.expire(open.stripeSessionId);
  await scope.db.checkoutSession.deleteMany({ where: { stripeSessionId: open.stripeSessionId } });
}
