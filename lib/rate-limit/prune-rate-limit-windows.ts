import "server-only";
import { db } from "@/lib/db/client";

/** No limit uses a window longer than this (sign-up's is an hour). */
export const RATE_LIMIT_RETENTION_MS = 24 * 3600_000;

/**
 * Deletes windows that ended long ago, of keys that were never hit again (a
 * sign-in from an address seen once). Rows another request holds are skipped,
 * so concurrent callers never wait on each other; at most `batch` per call.
 */
export async function pruneRateLimitWindows(now = new Date(), batch = 500): Promise<number> {
  const before = new Date(now.getTime() - RATE_LIMIT_RETENTION_MS);
  return db.$executeRaw`
    DELETE FROM "RateLimitWindow" WHERE ctid IN (
      SELECT ctid FROM "RateLimitWindow" WHERE "windowStart" < ${before}
      LIMIT ${batch} FOR UPDATE SKIP LOCKED
    )`;
}
