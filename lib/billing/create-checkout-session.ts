import "server-only";
import { conflict } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { billingNotConfigured } from "./billing-errors";
import { billingPageUrl } from "./billing-urls";
import { ensureCustomer } from "./ensure-customer";
import { planPrices, type PaidPlan } from "./price-plans";
import { stripeClient } from "./stripe-client";

/** Subscription statuses that still hold a paid plan: change it in the portal, not a new checkout. */
const LIVE_STATUSES = new Set(["active", "trialing", "past_due"]);

/**
 * A Stripe Checkout session that subscribes the workspace to a paid plan: the
 * plan's monthly price plus its metered overage price (tied to the steps meter).
 */
export async function createCheckoutSession(
  scope: Scope,
  input: { plan: PaidPlan; email: string | null },
): Promise<{ url: string }> {
  const stripe = stripeClient();
  const prices = planPrices(input.plan);
  if (!stripe || !prices) throw billingNotConfigured();

  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: scope.workspaceId },
    select: { slug: true },
  });
  const subscription = await scope.db.subscription.findFirst({ select: { status: true } });
  if (subscription && LIVE_STATUSES.has(subscription.status)) {
    throw conflict(
      "This workspace already has a subscription: change plans in the billing portal (POST /api/v1/billing/portal).",
    );
  }

  const customer = await ensureCustomer(stripe, scope.workspaceId, input.email);
  const metadata = { workspaceId: scope.workspaceId, plan: input.plan };
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: scope.workspaceId,
    line_items: [{ price: prices.base, quantity: 1 }, { price: prices.overage }],
    metadata,
    subscription_data: { metadata },
    success_url: billingPageUrl(workspace.slug, "?checkout=success&session_id={CHECKOUT_SESSION_ID}"),
    cancel_url: billingPageUrl(workspace.slug, "?checkout=cancelled"),
  });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  return { url: session.url };
}
