/** A NUL, or a UTF-16 surrogate without its other half (no UTF-8 encoding exists for it). */
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** JSON nested deeper than this is refused: no request of ours needs a tenth of it. */
export const MAX_JSON_DEPTH = 64;

export interface TextProblem {
  field: string;
  message: string;
}

/**
 * Why PostgreSQL could not store this text (it refuses NUL, and text must be
 * valid Unicode), or null when it can.
 */
export function textProblem(text: string): string | null {
  const match = UNSAFE.exec(text);
  if (!match) return null;
  return match[0] === "\u0000" ? "Contains a NUL character (\\u0000)" : "Contains an unpaired surrogate";
}

/** A field name that stays printable whatever the key holds. */
function fieldName(path: (string | number)[]): string {
  return path.map((part) => (typeof part === "number" ? String(part) : JSON.stringify(part).slice(1, -1))).join(".");
}

/**
 * The first string (or object key) in parsed JSON that could not be stored,
 * named like zod names fields (`crew.0.systemPrompt`), or a nesting deeper than
 * MAX_JSON_DEPTH. Walks without recursion, so no input can exhaust the stack.
 */
export function jsonTextProblem(value: unknown, root = "(body)"): TextProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    const field = () => (path.length ? fieldName(path) : root);
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) return { field: field(), message: problem };
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      return { field: field(), message: `Nested more than ${MAX_JSON_DEPTH} levels deep` };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const problem = textProblem(key);
      if (problem) return { field: fieldName([...path, key]), message: `Key: ${problem}` };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
