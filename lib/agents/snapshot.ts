export const MAX_SNAPSHOT_STRING = 500;
export const MAX_SNAPSHOT_ARRAY = 10;
const MAX_DEPTH = 6;

/**
 * A copy of `value` small enough to put in a prompt: strings are capped at 500
 * characters, long arrays are sampled (first, middle and last items, with a
 * note of how many were left out) and deep nesting is cut off.
 */
export function snapshot(value: unknown, depth = 0): unknown {
  if (typeof value === "string") {
    return value.length > MAX_SNAPSHOT_STRING
      ? `${value.slice(0, MAX_SNAPSHOT_STRING)}… [${value.length - MAX_SNAPSHOT_STRING} more characters]`
      : value;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) {
    if (value.length <= MAX_SNAPSHOT_ARRAY) return value.map((v) => snapshot(v, depth + 1));
    const head = value.slice(0, 4);
    const mid = Math.floor(value.length / 2);
    const middle = value.slice(mid, mid + 2);
    const tail = value.slice(-3);
    const omitted = value.length - head.length - middle.length - tail.length;
    return [
      ...head.map((v) => snapshot(v, depth + 1)),
      `[… ${Math.floor(omitted / 2)} items …]`,
      ...middle.map((v) => snapshot(v, depth + 1)),
      `[… ${Math.ceil(omitted / 2)} items …]`,
      ...tail.map((v) => snapshot(v, depth + 1)),
    ];
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = snapshot(v, depth + 1);
  return out;
}
