import "server-only";
import { notFound } from "@/lib/http/errors";
import { encryptSecret } from "@/lib/credentials/cipher";
import { credentialsKey } from "@/lib/credentials/key";
import type { Scope } from "@/lib/db/tenant";
import { eventTypeSelect, serializeEventType, webhookUrl } from "./serialize-event-type";
import { newWebhookId, newWebhookSecret } from "./webhook-secret";

/**
 * Turns on the event type's incoming webhook, or rotates it: a new hook id
 * (the old URL stops working) and a new `whsec_` secret, kept encrypted like a
 * credential, for Standard Webhooks signatures (a legacy hook moves to them
 * here). The secret is returned here and never again.
 */
export async function rotateWebhook(scope: Scope, id: string) {
  const secret = newWebhookSecret();
  const webhookId = newWebhookId();
  const updated = await scope.db.eventType.updateMany({
    where: { id },
    data: {
      webhookId,
      webhookSecret: encryptSecret(credentialsKey(), scope.workspaceId, secret),
      webhookScheme: "standard",
    },
  });
  if (updated.count === 0) throw notFound("Event type");
  const row = await scope.db.eventType.findFirst({ where: { id }, select: eventTypeSelect });
  if (!row) throw notFound("Event type");
  return { url: webhookUrl(webhookId), secret, eventType: serializeEventType(row) };
}
