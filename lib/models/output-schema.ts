import { z } from "zod";

const ENUM = /^enum\[(.+)\]$/;

function enumOf(type: string): string[] | null {
  const m = ENUM.exec(type);
  return m ? m[1]!.split(",").map((v) => v.trim()) : null;
}

/** The zod schema of one declared field type. */
function fieldSchema(type: string): z.ZodType {
  const values = enumOf(type);
  if (values) return z.enum(values as [string, ...string[]]);
  switch (type) {
    case "int":
      return z.number().int();
    case "number":
      return z.number();
    case "bool":
      return z.boolean();
    case "url":
      return z.url();
    case "list[str]":
      return z.array(z.string());
    default:
      return z.string();
  }
}

/** The zod schema of a typed output: every declared field, required. */
export function outputSchema(fields: Record<string, string>): z.ZodObject {
  return z.object(Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, fieldSchema(type)])));
}

/** The JSON Schema of a typed output, as a tool's input schema. */
export function outputJsonSchema(fields: Record<string, string>): {
  type: "object";
  properties: Record<string, unknown>;
  required: string[];
} {
  const properties = Object.fromEntries(
    Object.entries(fields).map(([name, type]) => {
      const values = enumOf(type);
      if (values) return [name, { type: "string", enum: values }];
      if (type === "int") return [name, { type: "integer" }];
      if (type === "number") return [name, { type: "number" }];
      if (type === "bool") return [name, { type: "boolean" }];
      if (type === "url") return [name, { type: "string", format: "uri" }];
      if (type === "list[str]") return [name, { type: "array", items: { type: "string" } }];
      return [name, { type: "string" }];
    }),
  );
  return { type: "object", properties, required: Object.keys(fields) };
}

/** A valid, deterministic value for each field (the local provider's answer). */
export function sampleOutput(fields: Record<string, string>, seed: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, type]) => {
      const values = enumOf(type);
      if (values) return [name, values[0]];
      if (type === "int") return [name, seed.length % 100];
      if (type === "number") return [name, (seed.length % 100) / 10];
      if (type === "bool") return [name, true];
      if (type === "url") return [name, `https://example.com/${name}`];
      if (type === "list[str]") return [name, [`${name} 1`, `${name} 2`]];
      return [name, `${name}: ${seed}`];
    }),
  );
}
