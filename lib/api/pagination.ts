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

export function decodeCursor(cursor: string): Position {
  const invalid = () =>
    badRequest("Invalid cursor.", [{ field: "cursor", message: "Use the nextCursor of a previous page" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== "string" || typeof parsed[1] !== "string") throw invalid();
  const createdAt = new Date(parsed[0]);
  if (Number.isNaN(createdAt.getTime())) throw invalid();
  return { createdAt, id: parsed[1] };
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
    data: map ? items.map(map) : (items as unknown as U[]),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
