import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";

/* Pure: YAML with the line of every key, for errors that name file:line. */

export interface YamlSource {
  value: unknown;
  /** The line of the key (or item) at `path`, or of the nearest enclosing one that exists. */
  lineOf(path: (string | number)[]): number;
  errors: { line: number; column: number; message: string }[];
}

/*
 * Type expressions as the seed writes them: `source: enum[sentry, linear, datadog]` inside a
 * flow map `{ … }` is not YAML (the `[` opens a sequence), yet it is where a field's type goes.
 * Before parsing, the brackets and commas of an unquoted `<word>[…]` that is a map's value are
 * swapped for private-use characters of the same length, so every offset (and with it every
 * error's line and column) stays where it was; the parsed strings get them back.
 */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const COMMA = "\uE002";
const MASKED = /[\uE000-\uE002]/g;
const HAS_MASKED = /[\uE000-\uE002]/;
const UNMASK: Record<string, string> = { [OPEN]: "[", [CLOSE]: "]", [COMMA]: "," };
/** A map value that starts a type expression: `key: word[` (the key may be quoted). */
const TYPE_START = /(^|[\s{,])(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'):[ \t]+([A-Za-z_][A-Za-z0-9_]*)\[/g;

export function unmask(text: string): string {
  return text.replace(MASKED, (c) => UNMASK[c]!);
}

/** `text` with each unquoted type expression's brackets and commas masked; the same length. */
export function maskTypeExpressions(text: string): string {
  if (HAS_MASKED.test(text)) return text;
  const out = text.split("");
  for (const match of text.matchAll(TYPE_START)) {
    const open = match.index + match[0].length - 1;
    if (insideQuotesOrComment(text, open)) continue;
    let depth = 0;
    let end = -1;
    for (let i = open; i < text.length && text[i] !== "\n"; i++) {
      if (text[i] === "[") depth++;
      else if (text[i] === "]" && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) continue;
    for (let i = open; i <= end; i++) {
      if (text[i] === "[") out[i] = OPEN;
      else if (text[i] === "]") out[i] = CLOSE;
      else if (text[i] === ",") out[i] = COMMA;
    }
  }
  return out.join("");
}

/** Whether offset `at` of `text` is in a quoted scalar or a comment on its line. */
function insideQuotesOrComment(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  let quote: string | null = null;
  for (let i = start; i < at; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === start || /\s/.test(text[i - 1]!))) return true;
  }
  return quote !== null;
}

export function unmaskValue(value: unknown): unknown {
  if (typeof value === "string") return unmask(value);
  if (Array.isArray(value)) return value.map(unmaskValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [unmask(k), unmaskValue(v)]));
  }
  return value;
}

/** Parses `text`, whose first line is line `firstLine` of its file. */
export function parseYaml(text: string, firstLine = 1): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(maskTypeExpressions(text), {
    lineCounter: counter,
    uniqueKeys: true,
    prettyErrors: true,
  });
  const line = (offset: number | undefined) =>
    offset === undefined ? firstLine : counter.linePos(offset).line + firstLine - 1;
  const errors = doc.errors.map((e) => ({
    line: e.linePos?.[0]?.line !== undefined ? e.linePos[0].line + firstLine - 1 : firstLine,
    column: e.linePos?.[0]?.col ?? 1,
    message: unmask(`YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`),
  }));
  const lineOf = (path: (string | number)[]): number => {
    let node: unknown = doc.contents;
    let found = firstLine;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const key = (p.key as { value?: unknown } | null)?.value;
          return (typeof key === "string" ? unmask(key) : key) === segment;
        });
        if (!pair) return found;
        found = line((pair.key as Node).range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) return found;
        found = line(item.range?.[0]);
        node = item;
      } else return found;
    }
    return found;
  };
  let value: unknown;
  if (!errors.length) {
    try {
      value = unmaskValue(doc.toJS());
    } catch (err) {
      // Aliases that would expand past the library's cap (a "billion laughs" document) throw here.
      errors.push({ line: firstLine, column: 1, message: `YAML: ${(err as Error).message}` });
    }
  }
  return { value, lineOf, errors };
}
