import { createHmac } from "node:crypto";

/**
 * JSON with object keys sorted (RFC 8785 for the values we send): the SDK
 * verifies a signature over the canonical form of the body it parsed, so a
 * body sent in canonical form is signed exactly as it is verified.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * The `X-Inngest-Signature` header an Inngest server sends: `t=<unix seconds>&s=<hex>`,
 * where s is HMAC-SHA256 over body + t, keyed with the signing key without its
 * `signkey-<env>-` prefix.
 */
export function signatureHeader(body: string, signingKey: string, now = Date.now()): string {
  const t = Math.round(now / 1000).toString();
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  const s = createHmac("sha256", key)
    .update(body + t)
    .digest("hex");
  return `t=${t}&s=${s}`;
}
