import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { WEBHOOK_TOLERANCE_SECONDS } from "./verify-webhook-signature";

/**
 * How long a hook remembers a webhook-id. Past the timestamp tolerance a
 * redelivery is refused by its timestamp anyway; a day leaves room for clocks.
 */
export const WEBHOOK_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Takes a `webhook-id` for the event type's hook. The first delivery of an id
 * gets `first: true`; a later one (or one racing it: the unique
 * (eventTypeId, messageId) lets one in) gets the stored row, with the event
 * the first one stored, or null while that is not stored yet. Ids older than
 * WEBHOOK_ID_RETENTION_MS are forgotten here, so the table stays bounded.
 */
export async function claimWebhookDelivery(
  scope: Scope,
  eventTypeId: string,
  messageId: string,
): Promise<{ first: boolean; id: string; eventId: string | null }> {
  const retention = Math.max(WEBHOOK_ID_RETENTION_MS, 2 * WEBHOOK_TOLERANCE_SECONDS * 1000);
  await scope.db.webhookDelivery.deleteMany({
    where: { eventTypeId, createdAt: { lt: new Date(Date.now() - retention) } },
  });
  try {
    const row = await scope.db.webhookDelivery.create({
      data: { workspaceId: scope.workspaceId, eventTypeId, messageId },
      select: { id: true, eventId: true },
    });
    return { first: true, id: row.id, eventId: row.eventId };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const row = await scope.db.webhookDelivery.findFirst({
    where: { eventTypeId, messageId },
    select: { id: true, eventId: true },
  });
  if (row) return { first: false, id: row.id, eventId: row.eventId };
  // Pruned between the two statements (the id was past its retention): take it afresh.
  return claimWebhookDelivery(scope, eventTypeId, messageId);
}
