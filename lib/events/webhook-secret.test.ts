import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookId, newWebhookSecret, signWebhookBody, webhookAuthentic } from "./webhook-secret";

describe("webhook secrets", () => {
  const secret = "whsec_test";
  const body = '{"title":"x"}';

  it("signs the exact body with HMAC-SHA256", () => {
    const hex = createHmac("sha256", secret).update(body).digest("hex");
    expect(signWebhookBody(secret, body)).toBe(`sha256=${hex}`);
  });

  it("accepts the secret or a signature, and nothing else", () => {
    const none = { secret: null, signature: null };
    expect(webhookAuthentic(secret, body, { ...none, secret })).toBe(true);
    expect(webhookAuthentic(secret, body, { ...none, signature: signWebhookBody(secret, body) })).toBe(true);
    // Hex digits in either case.
    expect(webhookAuthentic(secret, body, { ...none, signature: signWebhookBody(secret, body).toUpperCase() })).toBe(
      true,
    );
    expect(webhookAuthentic(secret, body, { ...none, secret: "whsec_tes" })).toBe(false);
    expect(webhookAuthentic(secret, body, { ...none, signature: signWebhookBody(secret, `${body} `) })).toBe(false);
    expect(webhookAuthentic(secret, body, none)).toBe(false);
    // A signature, when sent, must be right even with the secret beside it.
    expect(webhookAuthentic(secret, body, { secret, signature: "sha256=00" })).toBe(false);
  });

  it("makes unguessable ids and secrets that fit a path segment", () => {
    const ids = new Set(Array.from({ length: 50 }, newWebhookId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^hk_[A-Za-z0-9_-]{24}$/);
    expect(newWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
