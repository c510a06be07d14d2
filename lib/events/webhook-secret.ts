import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new hook id: unguessable, and unrelated to the event type's id. */
export const newWebhookId = () => `hk_${randomBytes(18).toString("base64url")}`;
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/** Equal strings, compared in constant time (their digests, so lengths leak nothing either). */
function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** `sha256=<hex>`: HMAC-SHA256 of the raw body under the hook's secret. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/**
 * Whether a request proves it knows the hook's secret: the secret itself
 * (`?secret=`), or an `X-LoopLlama-Signature: sha256=<hex>` header over the
 * exact body. Either is compared in constant time.
 */
export function webhookAuthentic(
  secret: string,
  body: string,
  sent: { secret: string | null; signature: string | null },
): boolean {
  if (sent.signature !== null) return sameText(signWebhookBody(secret, body), sent.signature.trim().toLowerCase());
  if (sent.secret !== null) return sameText(secret, sent.secret);
  return false;
}
