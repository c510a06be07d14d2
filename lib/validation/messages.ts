import { z } from "zod";

/**
 * Field errors as a person would write them ("Name is required", "At least 1"),
 * in place of zod's defaults ("Invalid input: expected string, received
 * undefined"). A schema's own message still wins; this answers only where a
 * schema gave none. Installed once, on import, by lib/http/respond.ts on the
 * server and components/providers.tsx in the browser.
 */

type Issue = z.core.$ZodRawIssue;

/** `systemPrompt` → "System prompt", `baseUrl` → "Base URL"; null for a list index or the body itself. */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string | null {
  const last = path?.at(-1);
  if (typeof last !== "string" || !last) return null;
  const words = last
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .split(/\s+/)
    .map((w) =>
      /^(url|id|ids|json|api|mcp|http)$/i.test(w) ? w.toUpperCase().replace(/IDS$/, "IDs") : w.toLowerCase(),
    );
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  date: "a date",
  null: "null",
  literal: "a fixed value",
};

function received(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "string") return "text";
  if (typeof input === "number") return Number.isFinite(input) ? "a number" : "not a number";
  if (typeof input === "boolean") return "true or false";
  if (typeof input === "object") return "an object";
  return typeof input;
}

const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`;

function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The message for one issue zod raised without one of its own. */
export function fieldMessage(issue: Issue): string | undefined {
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return label ? `${label} is required` : "Required";
      if (issue.expected === "nan") return "Must not be a number";
      const want = TYPE_NAMES[issue.expected] ?? issue.expected;
      const isInt = issue.expected === "int" && typeof issue.input === "number";
      if (isInt) return `${label ?? "Value"} must be a whole number`;
      return `${label ?? "Value"} must be ${want}, not ${received(issue.input)}`;
    }
    case "too_small": {
      const min = issue.minimum;
      if (issue.origin === "string") {
        if (Number(min) <= 1) return label ? `${label} is required` : "Required";
        return `Use at least ${plural(min, "character")}`;
      }
      if (issue.origin === "array" || issue.origin === "set") {
        return `Add at least ${plural(min, "item")}`;
      }
      return issue.inclusive === false ? `More than ${min}` : `At least ${min}`;
    }
    case "too_big": {
      const max = issue.maximum;
      if (issue.origin === "string") return `Use at most ${plural(max, "character")}`;
      if (issue.origin === "array" || issue.origin === "set") return `At most ${plural(max, "item")}`;
      if (issue.origin === "file") return `At most ${max} bytes`;
      return issue.inclusive === false ? `Less than ${max}` : `At most ${max}`;
    }
    case "invalid_value": {
      const values = issue.values.map(shown);
      return values.length === 1 ? `Must be ${values[0]}` : `Use one of ${values.join(", ")}`;
    }
    case "invalid_format": {
      if (issue.format === "email") return "Enter an email address such as name@example.com";
      if (issue.format === "url") return `${label ?? "Value"} must be a URL`;
      if (issue.format === "regex") return `${label ?? "Value"} is not in the expected form`;
      if (issue.format === "starts_with") return `Must start with "${String(issue.prefix)}"`;
      if (issue.format === "ends_with") return `Must end with "${String(issue.suffix)}"`;
      if (issue.format === "includes") return `Must include "${String(issue.includes)}"`;
      if (issue.format === "datetime") return "Use an ISO 8601 date and time, such as 2026-01-31T09:00:00Z";
      if (issue.format === "date") return "Use a date such as 2026-01-31";
      return `${label ?? "Value"} is not a valid ${issue.format}`;
    }
    case "not_multiple_of":
      return `Must be a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return issue.keys.length === 1
        ? `Unknown field "${issue.keys[0]}"`
        : `Unknown fields ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    // The key's or element's own problem says more than that there is one.
    case "invalid_key":
      return issue.issues[0]?.message ?? "Has a key that is not allowed";
    case "invalid_element":
      return issue.issues[0]?.message ?? "Has an item that is not allowed";
    case "invalid_union":
      return `${label ?? "Value"} matches none of the allowed forms`;
    default:
      return undefined;
  }
}

let installed = false;

/** Makes `fieldMessage` zod's fallback everywhere in this process (idempotent). */
export function installFieldMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: (issue) => fieldMessage(issue) });
}

installFieldMessages();
