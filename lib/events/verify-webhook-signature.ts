import "server-only";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { badRequest, unauthorized } from "@/lib/http/errors";

/** How far `webhook-timestamp` may be from the server's clock, either way (the `standardwebhooks` tolerance). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The longest `webhook-id` a hook remembers. */
export const MAX_WEBHOOK_ID_CHARS = 200;

export interface SignedDelivery {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

const HOW_TO_SIGN =
  'webhook-signature is "v1," and the base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>", keyed by the base64-decoded part of the secret after whsec_.';

/** The 401 for what `standardwebhooks` refused, saying why in the sender's terms. */
function refusal(err: WebhookVerificationError, timestamp: string): Error {
  const now = Math.floor(Date.now() / 1000);
  switch (err.message) {
    case "Message timestamp too old":
    case "Message timestamp too new": {
      const off = Math.abs(now - Number.parseInt(timestamp, 10));
      return unauthorized(
        `webhook-timestamp is ${off} seconds from the server's clock; more than ${WEBHOOK_TOLERANCE_SECONDS / 60} minutes either way is refused, so a captured delivery cannot be replayed later. Sign each attempt when it is sent, and check the sender's clock.`,
      );
    }
    case "Invalid Signature Headers":
      return unauthorized("webhook-timestamp must be the signing time in whole seconds since the Unix epoch.");
    default:
      return unauthorized(`webhook-signature does not match this delivery. ${HOW_TO_SIGN}`);
  }
}

/**
 * Checks a delivery signed the Standard Webhooks way, with the
 * `standardwebhooks` library: the three headers present, the timestamp within
 * five minutes of now, and one of the signatures in `webhook-signature` (space
 * separated) the HMAC of id, timestamp and the exact body under the secret.
 * Anything else is 401 naming what was wrong. Returns the `webhook-id`.
 */
export function verifyWebhookSignature(secret: string, body: string, sent: SignedDelivery): string {
  const { id, timestamp, signature } = sent;
  if (!id || !timestamp || !signature) {
    const missing = Object.entries({ id, timestamp, signature })
      .filter(([, value]) => !value)
      .map(([name]) => `webhook-${name}`);
    throw unauthorized(
      `Sign the delivery with Standard Webhooks: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing. ${HOW_TO_SIGN}`,
    );
  }
  try {
    new Webhook(secret).verify(
      body,
      { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature },
      { jsonParse: false },
    );
  } catch (err) {
    if (err instanceof WebhookVerificationError) throw refusal(err, timestamp);
    throw err;
  }
  if (id.length > MAX_WEBHOOK_ID_CHARS) {
    throw badRequest(`webhook-id is longer than ${MAX_WEBHOOK_ID_CHARS} characters.`, [
      { field: "webhook-id", message: `At most ${MAX_WEBHOOK_ID_CHARS} characters` },
    ]);
  }
  return id;
}
