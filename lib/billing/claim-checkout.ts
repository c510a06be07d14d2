import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { Plan } from "@/lib/generated/prisma/enums";

/** How long a claim holds while its session is created at Stripe (the SDK's timeout and retries fit in it). */
export const CHECKOUT_CLAIM_MS = 5 * 60_000;

export type CheckoutClaim = { won: true; claimedAt: Date } | { won: false; pending: { plan: Plan; expiresAt: Date } };

/**
 * Takes the workspace's one Checkout slot: inserts it, or takes over one that
 * has expired. Each is a single conditional statement, so of two requests at
 * once exactly one wins. The claim's time identifies it for save and release.
 * `checkedSessionId` is the Stripe session of the expired slot the caller made
 * sure was not paid: only that slot is taken over, not one that replaced it since.
 */
export async function claimCheckout(
  { db, workspaceId }: Scope,
  plan: Plan,
  now = new Date(),
  checkedSessionId?: string | null,
): Promise<CheckoutClaim> {
  const claim = {
    workspaceId,
    plan,
    stripeSessionId: null,
    expiresAt: new Date(now.getTime() + CHECKOUT_CLAIM_MS),
    createdAt: now,
  };
  const inserted = await db.checkoutSession.createMany({ data: [claim], skipDuplicates: true });
  if (inserted.count === 1) return { won: true, claimedAt: now };
  const taken = await db.checkoutSession.updateMany({
    where: {
      expiresAt: { lte: now },
      ...(checkedSessionId === undefined ? {} : { stripeSessionId: checkedSessionId }),
    },
    data: claim,
  });
  if (taken.count === 1) return { won: true, claimedAt: now };
  const pending = await db.checkoutSession.findFirst({ select: { plan: true, expiresAt: true } });
  // Released between the two statements: the caller may simply try again.
  return { won: false, pending: pending ?? { plan, expiresAt: now } };
}
