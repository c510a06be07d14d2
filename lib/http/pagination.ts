import { z } from "zod";
import { badRequest } from "./errors";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=` for every list endpoint; spread into a route's query schema. */
export const paginationQueryShape = {
  limit: z.coerce
    .number()
    .int("Use a whole number")
    .min(1, "Use at least 1")
    .max(MAX_PAGE_SIZE, `Use at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE)
    .describe("Items per page."),
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page."),
};

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

interface Position {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: Position): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

/** What encodeCursor writes: an instant as toISOString prints it (years 0–9999), and a row id. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The position a cursor names; 400 for anything encodeCursor could not have
 * written (so no odd date or id reaches the database).
 */
export function decodeCursor(cursor: string): Position {
  const invalid = () =>
    badRequest("Invalid cursor.", [{ field: "cursor", message: "Use the nextCursor of a previous page" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(cursor, "base64url")));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [at, id] = parsed as unknown[];
  if (typeof at !== "string" || typeof id !== "string" || !ISO_INSTANT.test(at) || !ROW_ID.test(id)) throw invalid();
  const createdAt = new Date(at);
  // Rejects dates the pattern lets through but the calendar does not (2026-02-30).
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) throw invalid();
  return { createdAt, id };
}

/** Newest first, with the id as tie-breaker, so pages never overlap or skip. */
export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** The filter for rows after the cursor in `newestFirst` order (an empty filter without one). */
export function afterCursor(cursor: string | undefined) {
  if (!cursor) return {};
  const at = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: at.createdAt } }, { createdAt: at.createdAt, id: { lt: at.id } }] };
}

/** Turns `limit + 1` fetched rows into a page. */
export function toPage<T extends Position, U = T>(rows: T[], limit: number, map?: (row: T) => U): Page<U> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    // Without `map`, U is T (its default); TypeScript cannot tell that from the signature.
    data: map ? items.map(map) : (items as unknown as U[]),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
