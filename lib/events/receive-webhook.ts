import "server-only";
import { badRequest, notFound, unauthorized } from "@/lib/http/errors";
import { jsonTextProblem } from "@/lib/http/text-safety";
import { decryptSecret } from "@/lib/credentials/cipher";
import { credentialsKey } from "@/lib/credentials/key";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { claimWebhookDelivery } from "./claim-webhook-delivery";
import { emitEvent } from "./emit-event";
import { eventRunsSelect, eventSelect, serializeEvent, serializeEventRun } from "./serialize-event";
import { verifyWebhookSignature, type SignedDelivery } from "./verify-webhook-signature";
import { legacyWebhookAuthentic } from "./webhook-secret";

/** Bodies of an incoming webhook: an event's data (MAX_EVENT_DATA_CHARS) with room for formatting. */
export const MAX_HOOK_BODY_BYTES = 64 * 1024;

export interface HookRequest {
  hookId: string;
  body: string;
  /** Standard Webhooks: the webhook-id, webhook-timestamp and webhook-signature headers. */
  signed: SignedDelivery;
  /** Legacy hooks only: `?secret=`. */
  secret: string | null;
  /** Legacy hooks only: X-LoopLlama-Signature. */
  signature: string | null;
  /** Legacy hooks only: Idempotency-Key (a Standard Webhooks delivery is keyed by its webhook-id). */
  idempotencyKey: string | null;
}

/** The body as the event's data: a JSON object of safe text (400 naming the field otherwise). */
function eventData(body: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = body.trim() ? JSON.parse(body) : {};
  } catch {
    throw badRequest("Request body is not valid JSON.", [{ field: "(body)", message: "Invalid JSON" }]);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw badRequest("The body is the event's data: a JSON object.", [{ field: "data", message: "Use an object" }]);
  }
  const problem = jsonTextProblem(data);
  if (problem) throw badRequest(`Invalid ${problem.field}: ${problem.message}`, [problem]);
  return data as Record<string, unknown>;
}

/**
 * An outside system's event: the hook (404 when unknown or disabled) names
 * the workspace and the event type; the delivery must prove the secret (401)
 * before the body is read as the event's data.
 *
 * A hook signs the Standard Webhooks way: the timestamp must be within five
 * minutes and each webhook-id is taken once, so a repeated id (a sender's
 * retry, or a captured delivery replayed) answers the first delivery's event,
 * `replayed`, and starts nothing. A legacy hook (made before, until rotated)
 * takes `?secret=` or X-LoopLlama-Signature, with only Idempotency-Key
 * against repeats.
 */
export async function receiveWebhook(hook: HookRequest) {
  // The hook id is the only thing known before authentication: it picks the workspace.
  const type = await db.eventType.findUnique({
    where: { webhookId: hook.hookId },
    select: { id: true, workspaceId: true, name: true, webhookSecret: true, webhookScheme: true },
  });
  if (!type?.webhookSecret) throw notFound("Webhook");
  const secret = decryptSecret(credentialsKey(), type.workspaceId, type.webhookSecret);
  const scope = scopeFor(type.workspaceId);

  if (type.webhookScheme === "legacy") {
    if (!legacyWebhookAuthentic(secret, hook.body, { secret: hook.secret, signature: hook.signature })) {
      throw unauthorized(
        "Send the webhook's secret as ?secret= or sign the body: X-LoopLlama-Signature: sha256=<HMAC-SHA256 hex>. This hook predates Standard Webhooks; rotate it to sign deliveries with webhook-id, webhook-timestamp and webhook-signature.",
      );
    }
    const result = await emitEvent(scope, {
      name: type.name,
      data: eventData(hook.body),
      source: "webhook",
      idempotencyKey: hook.idempotencyKey ? `hook:${hook.idempotencyKey}` : null,
    });
    return { replayed: false, ...result };
  }

  if (hook.secret !== null || hook.signature !== null) {
    throw unauthorized(
      "This hook takes Standard Webhooks signatures only (webhook-id, webhook-timestamp, webhook-signature): ?secret= and X-LoopLlama-Signature are for hooks made before, and replay.",
    );
  }
  const messageId = verifyWebhookSignature(secret, hook.body, hook.signed);
  const data = eventData(hook.body);
  const delivery = await claimWebhookDelivery(scope, type.id, messageId);
  if (delivery.eventId) {
    const row = await scope.db.event.findFirst({
      where: { id: delivery.eventId },
      select: { ...eventSelect, ...eventRunsSelect },
    });
    if (row) {
      const { runs, ...event } = row;
      return { replayed: true, event: serializeEvent(event), runs: runs.map(serializeEventRun) };
    }
  }
  // The first delivery of the id, or one racing it (or retrying one that failed): keyed by the id,
  // emitEvent stores one event and starts its runs once however many get here.
  const result = await emitEvent(scope, {
    name: type.name,
    data,
    source: "webhook",
    idempotencyKey: `webhook:${type.id}:${messageId}`,
  });
  if (delivery.eventId !== result.event.id) {
    await scope.db.webhookDelivery.updateMany({ where: { id: delivery.id }, data: { eventId: result.event.id } });
  }
  return { replayed: !delivery.first, ...result };
}
