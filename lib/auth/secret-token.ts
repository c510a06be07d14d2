import { createHash, randomBytes } from "node:crypto";

/** SHA-256 of a high-entropy secret (API tokens, invite links): stored instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random base62 string of `length` characters (unbiased). */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export const API_TOKEN_PREFIX = "ll_";

export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBase62(40)}`;
  return { token, prefix: token.slice(0, 11), hash: hashSecret(token) };
}
