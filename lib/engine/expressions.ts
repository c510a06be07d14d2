/**
 * The small part of Inngest's expression language (CEL) that our functions and
 * the SDK generate: paths (`event.data.plan`, `async.data.runId`), string,
 * number, `true`/`false`/`null` literals, `==`, `!=`, `!`, `&&`, `||` and
 * parentheses. Used for trigger `if` expressions, `waitForEvent` matches and
 * concurrency keys. Anything else is a syntax error, so an unsupported
 * expression fails loudly instead of matching silently.
 */
export type Bindings = Record<string, unknown>;

const TOKEN =
  /\s*(?:(==|!=|&&|\|\||[!()])|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.]*))/y;

type Token = { op: string } | { value: unknown } | { path: string[] };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`Unsupported expression at ${at}: ${source}`);
    const [, op, single, double, num, word] = m;
    if (op) tokens.push({ op });
    else if (single !== undefined || double !== undefined)
      tokens.push({ value: (single ?? double)!.replace(/\\(.)/g, "$1") });
    else if (num !== undefined) tokens.push({ value: Number(num) });
    else if (word === "true" || word === "false") tokens.push({ value: word === "true" });
    else if (word === "null") tokens.push({ value: null });
    else tokens.push({ path: word!.split(".") });
  }
  return tokens;
}

function lookup(bindings: Bindings, path: string[]): unknown {
  let v: unknown = bindings;
  for (const key of path) {
    if (v === null || typeof v !== "object") return null;
    v = (v as Record<string, unknown>)[key];
  }
  return v === undefined ? null : v;
}

/** Evaluates `source` against the bindings (e.g. `{ event, async }`). */
export function evaluate(source: string, bindings: Bindings): unknown {
  const tokens = tokenize(source);
  let i = 0;
  const isOp = (op: string) => {
    const t = tokens[i];
    return t !== undefined && "op" in t && t.op === op;
  };
  const expect = (op: string) => {
    if (!isOp(op)) throw new Error(`Expected "${op}" in expression: ${source}`);
    i++;
  };

  const primary = (): unknown => {
    const t = tokens[i++];
    if (!t) throw new Error(`Unexpected end of expression: ${source}`);
    if ("value" in t) return t.value;
    if ("path" in t) return lookup(bindings, t.path);
    if (t.op === "!") return !primary();
    if (t.op === "(") {
      const v = or();
      expect(")");
      return v;
    }
    throw new Error(`Unexpected "${t.op}" in expression: ${source}`);
  };
  const comparison = (): unknown => {
    const left = primary();
    if (isOp("==") || isOp("!=")) {
      const negate = isOp("!=");
      i++;
      const equal = JSON.stringify(left) === JSON.stringify(primary());
      return negate ? !equal : equal;
    }
    return left;
  };
  const and = (): unknown => {
    let v = comparison();
    while (isOp("&&")) {
      i++;
      const right = comparison();
      v = Boolean(v) && Boolean(right);
    }
    return v;
  };
  function or(): unknown {
    let v = and();
    while (isOp("||")) {
      i++;
      const right = and();
      v = Boolean(v) || Boolean(right);
    }
    return v;
  }

  const result = or();
  if (i !== tokens.length) throw new Error(`Unsupported expression: ${source}`);
  return result;
}

/** Whether an `if` expression holds; an absent expression always does. */
export function holds(source: string | undefined, bindings: Bindings): boolean {
  return source === undefined || source === "" || Boolean(evaluate(source, bindings));
}
