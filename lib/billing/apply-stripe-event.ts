import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Plan } from "@/lib/generated/prisma/enums";
import { planForPrices } from "./price-plans";
import { stripeClient } from "./stripe-client";
import { appendAuditEntry } from "@/lib/audit/record-audit-entry";

type Tx = Prisma.TransactionClient;

export const HANDLED_EVENT_TYPES = [
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.payment_failed",
  "checkout.session.expired",
] as const;

export type StripeEventOutcome = "applied" | "duplicate" | "ignored" | "unknown_workspace";

/**
 * Subscription statuses that keep the paid plan. `past_due` keeps it: Stripe is
 * still retrying the payment (dunning). When it gives up the subscription turns
 * `unpaid` or `canceled` (per the account's dunning settings) and the workspace
 * drops to Free with the next webhook.
 */
const PAID_ACCESS = new Set(["active", "trialing", "past_due"]);

/** Statuses Stripe never moves a subscription out of. */
const ENDED = new Set(["canceled", "incomplete_expired"]);

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

/**
 * The subscription as Stripe holds it now, for an event that arrived after a
 * newer one: null when Stripe is not configured here (the stale event is then
 * dropped). A failed fetch throws, so the delivery fails and Stripe retries it.
 */
async function currentSubscription(id: string): Promise<Stripe.Subscription | null> {
  const stripe = stripeClient();
  if (!stripe) return null;
  return stripe.subscriptions.retrieve(id);
}

async function applySubscription(
  tx: Tx,
  received: Stripe.Subscription,
  kind: "created" | "updated" | "deleted",
  eventAt: Date,
): Promise<StripeEventOutcome> {
  const customerId = idOf(received.customer);
  const workspaceId = await findWorkspaceId(tx, received.metadata?.workspaceId, customerId);
  if (!workspaceId) return "unknown_workspace";

  // One event per workspace at a time, so each sees the one applied before it.
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`stripe:${workspaceId}`}))) AS l`;
  const existing = await tx.subscription.findUnique({ where: { workspaceId } });
  const same = existing?.stripeSubscriptionId === received.id;
  // Stripe does not promise delivery order: a "created" that arrives after we
  // already hold this subscription is older than what we have, and an ended
  // subscription never comes back, whatever a late event says.
  if (same && (kind === "created" || ENDED.has(existing.status))) return "ignored";
  let sub = received;
  let deleted = kind === "deleted";
  const stale = existing?.lastEventAt != null && eventAt < existing.lastEventAt;
  if (stale) {
    // Older than the last event applied here: its copy of the subscription may be
    // out of date, so apply what Stripe holds now instead.
    const current = await currentSubscription(received.id);
    if (!current) return "ignored";
    sub = current;
    deleted = ENDED.has(current.status);
  }

  const items = sub.items?.data ?? [];
  const priceIds = items.map((item) => item.price.id);
  const pricedPlan = planForPrices(priceIds);
  const status = deleted && !ENDED.has(sub.status) ? "canceled" : sub.status;
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
    lastEventAt: existing?.lastEventAt && existing.lastEventAt > eventAt ? existing.lastEventAt : eventAt,
  };
  await tx.subscription.upsert({ where: { workspaceId }, create: { workspaceId, ...row }, update: row });
  const before = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { plan: true } });
  await tx.workspace.update({ where: { id: workspaceId }, data: { plan } });
  if (before && before.plan !== plan) {
    await appendAuditEntry(
      tx,
      workspaceId,
      { type: "system", id: null },
      {
        action: "plan.changed",
        target: { type: "workspace", id: workspaceId },
        details: { from: before.plan, to: plan, subscriptionId: sub.id, status },
      },
    );
  }
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
async function applyPaymentFailed(tx: Tx, invoice: Stripe.Invoice, eventAt: Date): Promise<StripeEventOutcome> {
  const customerId = idOf(invoice.customer);
  const workspaceId = await findWorkspaceId(tx, invoice.metadata?.workspaceId, customerId);
  if (!workspaceId) return "unknown_workspace";
  const subscriptionId = invoiceSubscriptionId(invoice);
  // A failure older than the subscription's last event (a later payment went
  // through, or it ended) changes nothing.
  const updated = await tx.subscription.updateMany({
    where: {
      workspaceId,
      ...(subscriptionId ? { stripeSubscriptionId: subscriptionId } : {}),
      status: { notIn: [...ENDED] },
      OR: [{ lastEventAt: null }, { lastEventAt: { lte: eventAt } }],
    },
    data: { status: "past_due", lastEventAt: eventAt },
  });
  return updated.count > 0 ? "applied" : "ignored";
}

/**
 * Applies a verified Stripe event exactly once and in order. The event id is
 * inserted in the same transaction as the change it causes, so a replay (or two
 * deliveries at once) finds the id taken and changes nothing. Each subscription
 * row keeps the `created` time of the last event applied to it: an older event
 * is applied only as the subscription Stripe holds now (re-fetched), and an
 * ended subscription is never brought back.
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
    const eventAt = new Date(event.created * 1000);
    switch (event.type) {
      case "customer.subscription.created":
        return applySubscription(tx, object as Stripe.Subscription, "created", eventAt);
      case "customer.subscription.updated":
        return applySubscription(tx, object as Stripe.Subscription, "updated", eventAt);
      case "customer.subscription.deleted":
        return applySubscription(tx, object as Stripe.Subscription, "deleted", eventAt);
      case "invoice.payment_failed":
        return applyPaymentFailed(tx, object as Stripe.Invoice, eventAt);
      case "checkout.session.expired": {
        // An abandoned Checkout frees the workspace to start another one.
        const { id } = object as Stripe.Checkout.Session;
        const released = await tx.checkoutSession.deleteMany({ where: { stripeSessionId: id } });
        return released.count > 0 ? "applied" : "ignored";
      }
      default:
        return "ignored";
    }
  });
}
