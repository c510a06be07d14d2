import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new hook id: unguessable, and unrelated to the event type's id. */
export const newWebhookId = () => `hk_${randomBytes(18).toString("base64url")}`;

/**
 * A Standard Webhooks secret: `whsec_` and the base64 of a 32-byte HMAC key,
 * the form the `standardwebhooks` libraries (and the README's openssl example) read.
 */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** Equal strings, compared in constant time (their digests, so lengths leak nothing either). */
function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** A legacy hook's `sha256=<hex>`: HMAC-SHA256 of the raw body alone, keyed by the whole secret text. */
export function signLegacyWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/**
 * Whether a delivery to a legacy hook (made before Standard Webhooks) proves
 * it knows the secret: the secret itself (`?secret=`), or an
 * `X-LoopLlama-Signature: sha256=<hex>` header over the exact body. Either is
 * compared in constant time. Neither carries a time or an id, so a captured
 * delivery replays: rotating the hook moves it to Standard Webhooks.
 */
export function legacyWebhookAuthentic(
  secret: string,
  body: string,
  sent: { secret: string | null; signature: string | null },
): boolean {
  if (sent.signature !== null)
    return sameText(signLegacyWebhookBody(secret, body), sent.signature.trim().toLowerCase());
  if (sent.secret !== null) return sameText(secret, sent.secret);
  return false;
}
