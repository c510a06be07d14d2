import { z } from "zod";

/* Pure: no server imports, so the editor and the command line can use it. */

/** A typed output field's type. */
export type OutputType = "str" | "int" | "number" | "bool" | "url" | "list[str]" | `enum[${string}]`;

const ENUM = /^enum\[(.+)\]$/;

/** The values of an `enum[a, b]` output type, or null for another type. */
export function enumValues(type: string): string[] | null {
  const m = ENUM.exec(type);
  return m ? m[1]!.split(",").map((v) => v.trim()) : null;
}

export function isOutputType(t: string): t is OutputType {
  return (
    ["str", "int", "number", "bool", "url", "list[str]"].includes(t) ||
    (enumValues(t)?.every((v) => v.length > 0) ?? false)
  );
}

export const outputTypeSchema = z
  .string()
  .refine(isOutputType, "Use str, int, number, bool, url, list[str] or enum[a, b]")
  .describe("str | int | number | bool | url | list[str] | enum[a, b]");
