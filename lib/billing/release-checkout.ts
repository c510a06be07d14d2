import "server-only";
import type { Scope } from "@/lib/db/tenant";

/** Gives the slot back after Stripe refused to create the session. */
export async function releaseCheckout({ db }: Scope, claimedAt: Date) {
  await db.checkoutSession.deleteMany({ where: { createdAt: claimedAt, stripeSessionId: null } });
}
