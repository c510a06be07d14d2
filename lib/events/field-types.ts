import { z } from "zod";
import { enumValues, type OutputType } from "@/lib/graph/output-types";
import { FIELD_NAME } from "@/lib/graph/names";

export { EVENT_NAME, eventNameSchema } from "@/lib/graph/names";

/**
 * The field types an event type declares: `str`, `int`, `url`, `id` (an
 * opaque identifier, a non-empty string) and `enum[a, b]`. One grammar for
 * registry.yml, the event-types API and the emits check.
 */
export type EventFieldType = "str" | "int" | "url" | "id" | `enum[${string}]`;
export type EventFields = Record<string, EventFieldType>;

export const MAX_EVENT_FIELDS = 30;

export const MAX_ENUM_VALUES = 100;
/** Names every JavaScript object carries: a field named so is lost or misread. */
export const RESERVED_FIELD_NAMES: readonly string[] = ["__proto__", "constructor", "prototype"];
const RESERVED_MESSAGE = `Use a field name other than ${RESERVED_FIELD_NAMES.join(", ")}`;

/** Why `type` is not an event field type, or null when it is. */
export function eventFieldTypeProblem(type: string): string | null {
  if (["str", "int", "url", "id"].includes(type)) return null;
  const values = enumValues(type);
  if (!values || values.some((v) => v.length === 0)) return "Use str, int, url, id or enum[a, b]";
  const repeated = values.filter((v, i) => values.indexOf(v) !== i);
  if (repeated.length) return `List each enum value once (repeated: ${[...new Set(repeated)].join(", ")})`;
  if (values.length > MAX_ENUM_VALUES) return `Use at most ${MAX_ENUM_VALUES} enum values`;
  return null;
}

/**
 * A record schema that refuses an own `__proto__` key with `message`: zod skips that key,
 * so without this check it would be dropped without a word.
 */
export function refusingProtoKey<T extends z.ZodType>(schema: T, message: string) {
  return z.preprocess((value, ctx) => {
    if (value && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
      ctx.addIssue({ code: "custom", message, path: ["__proto__"], input: value });
    }
    return value;
  }, schema);
}

export const eventFieldsSchema = refusingProtoKey(
  z.record(
    z
      .string()
      .regex(FIELD_NAME, "Use a field name of letters, digits and _ (at most 40)")
      .refine((f) => !RESERVED_FIELD_NAMES.includes(f), RESERVED_MESSAGE),
    z.string().superRefine((t, ctx) => {
      const problem = eventFieldTypeProblem(t);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  ),
  RESERVED_MESSAGE,
)
  .refine((f) => Object.keys(f).length <= MAX_EVENT_FIELDS, `Declare at most ${MAX_EVENT_FIELDS} fields`)
  .transform((f) => f as EventFields)
  .meta({ id: "EventFields" });

function sameEnum(a: string, b: string): boolean {
  const x = enumValues(a);
  const y = enumValues(b);
  return !!x && !!y && x.length === y.length && x.every((v) => y.includes(v));
}

/** Whether a typed output field can carry an event field: same type, and `str` for `id`. */
function carries(output: OutputType, event: EventFieldType): boolean {
  if (output === event) return true;
  if (event === "id") return output === "str";
  return sameEnum(output, event);
}

/**
 * Why a node's typed output cannot be emitted as an event with these fields,
 * or null when it can: the output must have exactly the event's fields, each
 * of a type that carries the event's type.
 */
export function emitsProblem(
  output: Record<string, OutputType> | undefined,
  eventName: string,
  fields: EventFields,
): string | null {
  if (!output) return `emitting "${eventName}" needs typed output fields`;
  // Own fields only: an output field named `constructor` is not in every event.
  const has = (o: object, f: string) => Object.hasOwn(o, f);
  const missing = Object.keys(fields).filter((f) => !has(output, f));
  const extra = Object.keys(output).filter((f) => !has(fields, f));
  const wrong = Object.keys(fields).filter((f) => has(output, f) && !carries(output[f]!, fields[f]!));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.join(", ")}`);
  if (extra.length) parts.push(`not in the event: ${extra.join(", ")}`);
  for (const f of wrong) parts.push(`${f} is ${output[f]} but the event needs ${fields[f]}`);
  return parts.length ? `output does not match event "${eventName}" (${parts.join("; ")})` : null;
}
