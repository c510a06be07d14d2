import "server-only";
import Stripe from "stripe";
import { conflict } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { billingNotConfigured, stripeFailure } from "./billing-errors";
import { billingPageUrl } from "./billing-urls";
import { claimCheckout } from "./claim-checkout";
import { releaseCheckout } from "./release-checkout";
import { saveCheckout } from "./save-checkout";
import { ensureCustomer } from "./ensure-customer";
import { planPrices, type PaidPlan } from "./price-plans";
import { stripeClient } from "./stripe-client";

/**
 * Subscription statuses that still hold a paid plan, or will once its first
 * payment goes through (`incomplete`): change it in the portal, not a new checkout.
 */
const LIVE_STATUSES = new Set(["active", "trialing", "past_due", "incomplete"]);

/** Stripe lets a Checkout session live 30 minutes at the least; a minute more absorbs clock skew. */
export const CHECKOUT_SESSION_SECONDS = 31 * 60;

/** The status of an earlier Checkout session; null when Stripe no longer has it. */
async function previousSessionStatus(stripe: Stripe, sessionId: string): Promise<string | null> {
  try {
    return (await stripe.checkout.sessions.retrieve(sessionId)).status;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === "resource_missing") return null;
    throw err;
  }
}

/**
 * A Stripe Checkout session that subscribes the workspace to a paid plan: the
 * plan's monthly price plus its metered overage price (tied to the steps meter).
 * Refused with 409 while a subscription is live or another Checkout is under
 * way (started, not yet expired): the claim is one conditional write, so of two
 * requests at once only one reaches Stripe. An expired slot is taken over only
 * once Stripe says its session was not completed: a Checkout paid just before
 * it expired, whose webhook has not arrived yet, must not be paid twice.
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

  const now = new Date();
  const slot = await scope.db.checkoutSession.findFirst({ select: { stripeSessionId: true, expiresAt: true } });
  if (slot?.stripeSessionId && slot.expiresAt <= now) {
    const previous = await previousSessionStatus(stripe, slot.stripeSessionId);
    if (previous === "complete") {
      throw conflict(
        "The previous Checkout was paid and its subscription is being set up: reload the billing page in a minute.",
        { stripeSessionId: slot.stripeSessionId },
      );
    }
  }

  const claim = await claimCheckout(scope, input.plan, now, slot ? slot.stripeSessionId : undefined);
  if (!claim.won) {
    throw conflict(
      `A Checkout for the ${claim.pending.plan} plan is already under way: finish it, or start another once it expires ` +
        `(${claim.pending.expiresAt.toISOString()}).`,
      { plan: claim.pending.plan, expiresAt: claim.pending.expiresAt.toISOString() },
    );
  }

  try {
    const customer = await ensureCustomer(stripe, scope.workspaceId, input.email);
    const metadata = { workspaceId: scope.workspaceId, plan: input.plan };
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: scope.workspaceId,
      line_items: [{ price: prices.base, quantity: 1 }, { price: prices.overage }],
      metadata,
      subscription_data: { metadata },
      expires_at: Math.floor(Date.now() / 1000) + CHECKOUT_SESSION_SECONDS,
      success_url: billingPageUrl(workspace.slug, "?checkout=success&session_id={CHECKOUT_SESSION_ID}"),
      cancel_url: billingPageUrl(workspace.slug, "?checkout=cancelled"),
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    await saveCheckout(scope, claim.claimedAt, session.id, new Date(session.expires_at * 1000));
    return { url: session.url };
  } catch (err) {
    await releaseCheckout(scope, claim.claimedAt);
    throw stripeFailure(err);
  }
}
