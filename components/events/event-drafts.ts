import { enumValues } from "@/lib/graph/output-types";

/** The types a field of a new event type can have, as the form offers them. */
export const FIELD_KINDS = [
  { value: "str", label: "Text (str)" },
  { value: "int", label: "Whole number (int)" },
  { value: "url", label: "URL (url)" },
  { value: "id", label: "Identifier (id)" },
  { value: "enum", label: "One of (enum)" },
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number]["value"];

export interface FieldRow {
  key: string;
  name: string;
  kind: FieldKind;
  /** enum only: the values, separated by commas. */
  values: string;
}

let counter = 0;
export function newFieldRow(): FieldRow {
  counter += 1;
  return { key: `field-${counter}`, name: "", kind: "str", values: "" };
}

/** The `fields` an event type is created with: `{ title: "str", source: "enum[sentry, linear]" }`. */
export function fieldsOf(rows: readonly FieldRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (!name) continue;
    out[name] =
      row.kind === "enum"
        ? `enum[${row.values
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean)
            .join(", ")}]`
        : row.kind;
  }
  return out;
}

/** The API's error for a row (`fields.title`), by the row's name. */
export function rowError(fieldErrors: Record<string, string>, row: FieldRow): string | undefined {
  return fieldErrors[`fields.${row.name.trim()}`];
}

/** How a test event's field is typed in: a number box, a choice, or text. */
export function inputKindOf(type: string): { kind: "int" } | { kind: "enum"; values: string[] } | { kind: "text" } {
  if (type === "int") return { kind: "int" };
  const values = enumValues(type);
  if (values) return { kind: "enum", values };
  return { kind: "text" };
}

/**
 * The `data` of a test event from what was typed: ints as numbers (text that is
 * not a whole number stays text, for the API to name), blank fields left out
 * (the API says which are required).
 */
export function dataOf(fields: Record<string, string>, typed: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(fields)) {
    const raw = (typed[name] ?? "").trim();
    if (!raw) continue;
    out[name] = type === "int" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}
