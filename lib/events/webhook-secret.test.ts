import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { legacyWebhookAuthentic, newWebhookId, newWebhookSecret, signLegacyWebhookBody } from "./webhook-secret";

describe("webhook secrets", () => {
  const secret = "whsec_test";
  const body = '{"title":"x"}';

  it("signs a legacy hook's exact body with HMAC-SHA256", () => {
    const hex = createHmac("sha256", secret).update(body).digest("hex");
    expect(signLegacyWebhookBody(secret, body)).toBe(`sha256=${hex}`);
  });

  it("a legacy hook accepts the secret or a signature, and nothing else", () => {
    const none = { secret: null, signature: null };
    expect(legacyWebhookAuthentic(secret, body, { ...none, secret })).toBe(true);
    expect(legacyWebhookAuthentic(secret, body, { ...none, signature: signLegacyWebhookBody(secret, body) })).toBe(
      true,
    );
    // Hex digits in either case.
    expect(
      legacyWebhookAuthentic(secret, body, { ...none, signature: signLegacyWebhookBody(secret, body).toUpperCase() }),
    ).toBe(true);
    expect(legacyWebhookAuthentic(secret, body, { ...none, secret: "whsec_tes" })).toBe(false);
    expect(
      legacyWebhookAuthentic(secret, body, { ...none, signature: signLegacyWebhookBody(secret, `${body} `) }),
    ).toBe(false);
    expect(legacyWebhookAuthentic(secret, body, none)).toBe(false);
    // A signature, when sent, must be right even with the secret beside it.
    expect(legacyWebhookAuthentic(secret, body, { secret, signature: "sha256=00" })).toBe(false);
  });

  it("makes unguessable hook ids that fit a path segment, and Standard Webhooks secrets", () => {
    const ids = new Set(Array.from({ length: 50 }, newWebhookId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^hk_[A-Za-z0-9_-]{24}$/);
    const made = newWebhookSecret();
    expect(made).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // The standardwebhooks library reads it as a 32-byte key, and its signature is the HMAC of id.timestamp.body under it.
    const at = new Date(1_700_000_000_000);
    const key = Buffer.from(made.slice("whsec_".length), "base64");
    expect(key).toHaveLength(32);
    const expected = createHmac("sha256", key).update(`msg_1.1700000000.${body}`).digest("base64");
    expect(new Webhook(made).sign("msg_1", at, body)).toBe(`v1,${expected}`);
  });
});
