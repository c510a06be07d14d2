import { expect } from "vitest";
/**
 * Hostile input for the fuzz tests: a seeded generator (the same sequence for
 * the same seed everywhere), strings, numbers, nested values, mutated bodies,
 * broken JSON and badly percent-encoded query parts.
 */

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Rng = ReturnType<typeof prng>;

export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83e",
  "🦙",
  "🦙".repeat(5000),
  "\u202eevil",
  "\ufeffbom",
  "e\u0301".repeat(500),
  "ｗｉｄｅ",
  '\'; DROP TABLE "Workflow"; --',
  "<script>alert(1)</script>",
  "%00",
  "%FF",
  "../../etc/passwd",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "\n\r\t\v\f",
  "${process.env}",
  "{{7*7}}",
  "[[simulate:fail]]",
  "x".repeat(100),
  "x".repeat(70_000),
  "-010000-01-01T00:00:00.000Z",
  "9999-12-31T23:59:59.999Z",
  "2026-02-30T00:00:00Z",
  "claude-sonnet-4-6",
  "local",
  "active",
  "paused",
  "1e309",
  "-1",
  "NaN",
];

export const HOSTILE_NUMBERS = [
  0,
  -1,
  1,
  1.5,
  -0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  1e-320,
  101,
  1e21,
];

export function hostileString(r: Rng): string {
  if (r.chance(0.15)) {
    // Random code units, surrogate halves and NUL included.
    return Array.from({ length: 1 + r.int(40) }, () => String.fromCharCode(r.int(0x10000))).join("");
  }
  return r.pick(HOSTILE_STRINGS);
}

export function nested(r: Rng, depth: number): unknown {
  let value: unknown = hostileValue(r, 0);
  for (let i = 0; i < depth; i++) value = r.chance(0.5) ? [value] : { [hostileString(r).slice(0, 20) || "k"]: value };
  return value;
}

export function hostileValue(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 2 ? 5 : 9);
  switch (kind) {
    case 0:
    case 1:
      return hostileString(r);
    case 2:
      return r.pick(HOSTILE_NUMBERS);
    case 3:
      return r.pick([true, false, null]);
    case 4:
      return r.chance(0.5) ? [] : {};
    case 5:
      return Array.from({ length: r.int(4) }, () => hostileValue(r, depth + 1));
    case 6:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [hostileString(r), hostileValue(r, depth + 1)]));
    case 7:
      return nested(r, r.pick([10, 63, 65, 200, 1000]));
    default:
      return r.chance(0.5) ? Array.from({ length: 20_000 }, (_, i) => i) : hostileString(r);
  }
}

/** The same shape with some of its strings (a crew agent's, a schedule's) replaced by hostile ones. */
export function withHostileText(r: Rng, value: unknown): unknown {
  if (typeof value === "string") return r.chance(0.6) ? hostileString(r) : value;
  if (Array.isArray(value)) return value.map((v) => withHostileText(r, v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withHostileText(r, v)]));
  }
  return value;
}

/** A valid body of the route, then mutated: a field dropped, replaced, retyped, or one added. */
export function mutate(r: Rng, valid: Record<string, unknown>): unknown {
  const body: Record<string, unknown> = structuredClone(valid);
  const keys = Object.keys(body);
  const rounds = 1 + r.int(3);
  for (let i = 0; i < rounds; i++) {
    const key = r.pick(keys);
    switch (r.int(5)) {
      case 0:
        delete body[key];
        break;
      case 1:
        body[key] = hostileValue(r);
        break;
      case 2:
        body[hostileString(r)] = hostileValue(r);
        break;
      case 3:
        // The right shape with hostile text inside (a crew agent, a schedule).
        body[key] = withHostileText(r, body[key]);
        break;
      default:
        return hostileValue(r);
    }
  }
  return body;
}

/** A body as bytes: usually JSON, sometimes broken JSON or bytes that are not UTF-8. */
export function bodyBytes(r: Rng, value: unknown): string | Uint8Array<ArrayBuffer> {
  const roll = r.int(20);
  if (roll === 0) return "{not json";
  if (roll === 1) return new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
  if (roll === 2) return `{"name":"\\ud800","crew":[{"role":"r","systemPrompt":"\\u0000"}]}`;
  if (roll === 3) return JSON.stringify(value).slice(0, -1);
  if (roll === 4) {
    // Deeper than anything here could build and stringify as a value.
    const depth = r.pick([5_000, 50_000]);
    return `{"name":"n","input":"i","crew":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Percent-encodes a string byte by byte, lone surrogates as the bytes a careless encoder writes. */
export function encodeQuery(r: Rng, s: string): string {
  if (r.chance(0.1)) return r.pick(["%FF", "%ED%A0%80", "%", "%zz", "%C3", "%00"]);
  return Array.from(s)
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff) return "%ED%A0%80";
      return encodeURIComponent(ch);
    })
    .join("");
}

export function hostileId(r: Rng, real: string[]): string {
  if (real.length && r.chance(0.5)) return r.pick(real);
  return r.pick([
    "",
    " ",
    "\u0000",
    "\ud800",
    "c".repeat(25),
    "x".repeat(129),
    "a/b",
    "..",
    "%FF",
    "-1",
    "0",
    "1e309",
    "🦙",
    hostileString(r),
  ]);
}

/** An error answer has the one error shape: `{ error: { code, message, details? } }` and nothing else. */
export function expectErrorShape(text: string, label: string): void {
  const body = JSON.parse(text) as { error?: Record<string, unknown> };
  expect(Object.keys(body), label).toEqual(["error"]);
  const { code, message, details, ...rest } = body.error ?? {};
  expect(typeof code, label).toBe("string");
  expect(typeof message, label).toBe("string");
  expect(rest, label).toEqual({});
  if (details !== undefined) expect(typeof details, label).toBe("object");
}
