import Stripe from "stripe";
import { AppError } from "@/lib/http/errors";

export const billingNotConfigured = () =>
  new AppError(
    503,
    "billing_not_configured",
    "Billing is not configured on this server: set STRIPE_SECRET_KEY and the STRIPE_PRICE_* variables.",
  );

/**
 * What a failed call to Stripe answers the client: 502 with Stripe's message
 * (an outage or a refused request is Stripe's, not a fault of ours or theirs).
 * Anything that is not a Stripe error is passed on as it is.
 */
export function stripeFailure(err: unknown): unknown {
  if (err instanceof Stripe.errors.StripeError) {
    return new AppError(502, "payment_provider_error", `Stripe could not complete the request: ${err.message}`);
  }
  return err;
}
