import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./cipher";

const key = randomBytes(32);
const secret = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz-0123";

describe("credential cipher", () => {
  it("round-trips a secret, with a fresh IV each time and no plaintext in the stored form", () => {
    const a = encryptSecret(key, "ws_1", secret);
    const b = encryptSecret(key, "ws_1", secret);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(Buffer.from(a.slice(3), "base64").toString("latin1")).not.toContain(secret);
    expect(decryptSecret(key, "ws_1", a)).toBe(secret);
    expect(decryptSecret(key, "ws_1", b)).toBe(secret);
    expect(decryptSecret(key, "ws_1", encryptSecret(key, "ws_1", "é ✓ 🔑"))).toBe("é ✓ 🔑");
  });

  it("detects tampering: a changed byte of IV, tag or ciphertext fails authentication", () => {
    const stored = encryptSecret(key, "ws_1", secret);
    const raw = Buffer.from(stored.slice(3), "base64");
    for (const index of [0, 12, 28, raw.length - 1]) {
      const changed = Buffer.from(raw);
      changed[index] = changed[index]! ^ 0x01;
      expect(() => decryptSecret(key, "ws_1", `v1:${changed.toString("base64")}`)).toThrow();
    }
    expect(() => decryptSecret(key, "ws_1", `v1:${raw.subarray(0, 20).toString("base64")}`)).toThrow(/truncated/);
    expect(() => decryptSecret(key, "ws_1", stored.replace("v1:", "v0:"))).toThrow(/format/);
  });

  it("binds the workspace: a ciphertext moved to another workspace does not decrypt", () => {
    const stored = encryptSecret(key, "ws_1", secret);
    expect(() => decryptSecret(key, "ws_2", stored)).toThrow();
    expect(() => decryptSecret(randomBytes(32), "ws_1", stored)).toThrow();
  });
});
