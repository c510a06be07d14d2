import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Plan } from "@/lib/generated/prisma/enums";
import { planForPrices } from "./price-plans";

type Tx = Prisma.TransactionClient;

export const HANDLED_EVENT_TYPES = [
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.payment_failed",
] as const;

export type StripeEventOutcome = "applied" | "duplicate" | "ignored" | "unknown_workspace";

/**
 * Subscription statuses that keep the paid plan. `past_due` keeps it: Stripe is
 * still retrying the payment (dunning). When it gives up the subscription turns
 * `unpaid` or `canceled` (per the account's dunning settings) and the workspace
 * drops to Free with the next webhook.
 */
const PAID_ACCESS = new Set(["active", "trialing", "past_due"]);

const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === "string" ? ref : (ref?.id ?? null));
const dateOf = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

async function findWorkspaceId(
  tx: Tx,
  metadataId: string | undefined,
  customerId: string | null,
): Promise<string | null> {
  if (metadataId) {
    const byId = await tx.workspace.findUnique({ where: { id: metadataId }, select: { id: true } });
    if (byId) return byId.id;
  }
  if (customerId) {
    const byCustomer = await tx.workspace.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
    if (byCustomer) return byCustomer.id;
  }
  return null;
}

async function applySubscription(
  tx: Tx,
  sub: Stripe.Subscription,
  kind: "created" | "updated" | "deleted",
): Promise<StripeEventOutcome> {
  const deleted = kind === "deleted";
  const customerId = idOf(sub.customer);
  const workspaceId = await findWorkspaceId(tx, sub.metadata?.workspaceId, customerId);
  if (!workspaceId) return "unknown_workspace";

  const items = sub.items?.data ?? [];
  const priceIds = items.map((item) => item.price.id);
  const pricedPlan = planForPrices(priceIds);
  const status = deleted ? "canceled" : sub.status;
  const existing = await tx.subscription.findUnique({ where: { workspaceId } });
  // Stripe does not promise delivery order: a "created" that arrives after we
  // already hold this subscription is older than what we have.
  if (kind === "created" && existing?.stripeSubscriptionId === sub.id) return "ignored";
  // The end of a subscription the workspace has since replaced by a live one changes nothing.
  const replaced = existing && existing.stripeSubscriptionId !== sub.id && PAID_ACCESS.has(existing.status);
  if (replaced && (deleted || !PAID_ACCESS.has(status))) return "ignored";

  const plan: Plan = !deleted && PAID_ACCESS.has(status) && pricedPlan ? pricedPlan : "free";
  const base = items.find((item) => item.price.recurring?.usage_type !== "metered") ?? items[0];
  const row = {
    stripeSubscriptionId: sub.id,
    stripeCustomerId: customerId ?? existing?.stripeCustomerId ?? "",
    plan: pricedPlan ?? existing?.plan ?? "free",
    status,
    priceId: base?.price.id ?? null,
    currentPeriodStart: dateOf(base?.current_period_start),
    currentPeriodEnd: dateOf(base?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end ?? false,
  };
  await tx.subscription.upsert({ where: { workspaceId }, create: { workspaceId, ...row }, update: row });
  await tx.workspace.update({ where: { id: workspaceId }, data: { plan } });
  if (customerId) {
    await tx.workspace.updateMany({
      where: { id: workspaceId, stripeCustomerId: null },
      data: { stripeCustomerId: customerId },
    });
  }
  return "applied";
}

function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  const fromParent = invoice.parent?.subscription_details?.subscription;
  if (fromParent) return idOf(fromParent);
  // Accounts pinned to API versions before 2025-03-31 send it at the top level.
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null }).subscription;
  return idOf(legacy);
}

/**
 * A failed invoice payment marks the subscription `past_due`. The plan stays:
 * Stripe retries the charge, and the subscription's own update (to `unpaid` or
 * `canceled`) is what ends paid access.
 */
async function applyPaymentFailed(tx: Tx, invoice: Stripe.Invoice): Promise<StripeEventOutcome> {
  const customerId = idOf(invoice.customer);
  const workspaceId = await findWorkspaceId(tx, invoice.metadata?.workspaceId, customerId);
  if (!workspaceId) return "unknown_workspace";
  const subscriptionId = invoiceSubscriptionId(invoice);
  const updated = await tx.subscription.updateMany({
    where: { workspaceId, ...(subscriptionId ? { stripeSubscriptionId: subscriptionId } : {}) },
    data: { status: "past_due" },
  });
  return updated.count > 0 ? "applied" : "ignored";
}

/**
 * Applies a verified Stripe event exactly once. The event id is inserted in the
 * same transaction as the change it causes, so a replay (or two deliveries at
 * once) finds the id taken and changes nothing.
 */
export async function applyStripeEvent(event: Stripe.Event): Promise<StripeEventOutcome> {
  if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(event.type)) return "ignored";
  return db.$transaction(async (tx) => {
    const inserted = await tx.stripeEvent.createMany({
      data: [{ id: event.id, type: event.type }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return "duplicate";
    const object = event.data.object as unknown;
    switch (event.type) {
      case "customer.subscription.created":
        return applySubscription(tx, object as Stripe.Subscription, "created");
      case "customer.subscription.updated":
        return applySubscription(tx, object as Stripe.Subscription, "updated");
      case "customer.subscription.deleted":
        return applySubscription(tx, object as Stripe.Subscription, "deleted");
      case "invoice.payment_failed":
        return applyPaymentFailed(tx, object as Stripe.Invoice);
      default:
        return "ignored";
    }
  });
}
