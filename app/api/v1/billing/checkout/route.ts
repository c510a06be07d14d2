import * as billing from "@/lib/api/operations/billing";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { cancelCheckout } from "@/lib/billing/cancel-checkout";
import { createCheckoutSession } from "@/lib/billing/create-checkout-session";

/** Starts Stripe Checkout for a paid plan; the client redirects to `url`. */
export const POST = withWorkspace(billing.createCheckoutSession, async ({ scope, caller, body }) =>
  json(await createCheckoutSession(scope, { plan: body.plan, email: caller.type === "user" ? caller.email : null })),
);

/** Abandons the open Checkout (expires it at Stripe) so another can start; 204 also when none is open. */
export const DELETE = withWorkspace(billing.cancelCheckoutSession, async ({ scope }) => {
  await cancelCheckout(scope);
  return new Response(null, { status: 204 });
});
