import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db/client";

/**
 * The workspace's Stripe customer: the stored one, or a new one saved on the
 * workspace. The create carries an idempotency key and the save only fills an
 * empty column, so two concurrent checkouts end up with one customer.
 */
export async function ensureCustomer(stripe: Stripe, workspaceId: string, email: string | null): Promise<string> {
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { name: true, stripeCustomerId: true },
  });
  if (workspace.stripeCustomerId) return workspace.stripeCustomerId;
  const customer = await stripe.customers.create(
    { name: workspace.name, ...(email ? { email } : {}), metadata: { workspaceId } },
    { idempotencyKey: `loopllama-customer-${workspaceId}` },
  );
  const saved = await db.workspace.updateMany({
    where: { id: workspaceId, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  if (saved.count === 1) return customer.id;
  const again = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { stripeCustomerId: true },
  });
  return again.stripeCustomerId ?? customer.id;
}
