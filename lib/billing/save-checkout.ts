import "server-only";
import type { Scope } from "@/lib/db/tenant";

/** Records the Stripe session on the claim; it then holds until the session expires. */
export async function saveCheckout({ db }: Scope, claimedAt: Date, stripeSessionId: string, expiresAt: Date) {
  await db.checkoutSession.updateMany({
    where: { createdAt: claimedAt, stripeSessionId: null },
    data: { stripeSessionId, expiresAt },
  });
}
