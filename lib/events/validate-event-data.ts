import { badRequest } from "@/lib/http/errors";
import { fieldLabel } from "@/lib/validation/messages";
import { enumValues } from "@/lib/graph/output-types";
import type { EventFields } from "./field-types";

/** Why `value` is not a value of the event field type, or null when it is. */
export function eventValueProblem(type: string, value: unknown): string | null {
  if (value === undefined || value === null) return "Required";
  if (type === "int") return Number.isSafeInteger(value) ? null : "Use a whole number";
  if (typeof value !== "string") return "Use a string";
  if (type === "str") return null;
  if (type === "id") return value.length > 0 && !/\s/.test(value) ? null : "Use a non-empty id without spaces";
  if (type === "url") {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? null : "Use an http or https URL";
    } catch {
      return "Use an http or https URL";
    }
  }
  const values = enumValues(type);
  if (values) return values.includes(value) ? null : `Use one of: ${values.join(", ")}`;
  return `Unknown field type ${type}`;
}

/**
 * The data checked against the event type's fields: every field present with
 * a value of its type, no other field. Throws 400 naming each `data.<field>`.
 */
export function validateEventData(name: string, fields: EventFields, data: Record<string, unknown>) {
  const details: { field: string; message: string }[] = [];
  for (const [field, type] of Object.entries(fields)) {
    const missing = data[field] === undefined || data[field] === null;
    const problem = missing ? `${fieldLabel([field]) ?? field} is required` : eventValueProblem(type, data[field]);
    if (problem) details.push({ field: `data.${field}`, message: problem });
  }
  for (const field of Object.keys(data)) {
    if (!Object.hasOwn(fields, field)) details.push({ field: `data.${field}`, message: `Not a field of "${name}"` });
  }
  if (details.length > 0) {
    const first = details[0]!;
    throw badRequest(`Invalid ${first.field}: ${first.message}`, details);
  }
  return data;
}
