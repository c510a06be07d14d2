import "server-only";
import { conflict } from "@/lib/http/errors";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { billingNotConfigured, stripeFailure } from "./billing-errors";
import { billingPageUrl } from "./billing-urls";
import { stripeClient } from "./stripe-client";

/** A Stripe customer portal session: card, invoices, plan changes and cancellation. */
export async function createPortalSession(scope: Scope): Promise<{ url: string }> {
  const stripe = stripeClient();
  if (!stripe) throw billingNotConfigured();
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: scope.workspaceId },
    select: { slug: true, stripeCustomerId: true },
  });
  if (!workspace.stripeCustomerId) {
    throw conflict("This workspace has no billing account yet: upgrade first (POST /api/v1/billing/checkout).");
  }
  const session = await stripe.billingPortal.sessions
    .create({ customer: workspace.stripeCustomerId, return_url: billingPageUrl(workspace.slug) })
    .catch((err: unknown) => {
      throw stripeFailure(err);
    });
  return { url: session.url };
}
