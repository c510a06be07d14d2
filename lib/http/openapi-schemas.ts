import { z } from "zod";

/** Shared pieces for response schemas in the OpenAPI document. */

/** A timestamp as JSON carries it: an ISO 8601 string. */
export const dateTimeSchema = z.string().meta({ format: "date-time", examples: ["2026-01-31T12:00:00.000Z"] });

/** `{ data: T[], nextCursor }`, the shape of every cursor-paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    data: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  });
}

/** `{ data: T[] }`, a list without pagination. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}
