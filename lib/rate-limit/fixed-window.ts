import "server-only";
import { db } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/sql-runner";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  limit: number;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
}

/**
 * Counts a hit against `key` in a fixed window kept in PostgreSQL, so the limit
 * holds across processes. One statement per hit: the key's earlier windows are
 * deleted as the current one is written. Pass a transaction as `sql` to count
 * inside it: the hit then rolls back with it.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
  sql: SqlRunner = db,
): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await sql.$queryRaw<{ count: number }[]>`
    WITH pruned AS (
      DELETE FROM "RateLimitWindow" WHERE "key" = ${key} AND "windowStart" < ${windowStart}
    )
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
    VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: count <= limit, count, limit, retryAfterSeconds };
}

/** A hit counted by takeRateLimit, which the caller can give back when what it paid for did not happen. */
export interface RateLimitTake extends RateLimitResult {
  giveBack(): Promise<void>;
}

/**
 * Counts a hit against `key` only if the window has room: one conditional
 * statement checks and moves the counter, so a refused hit does not count and
 * concurrent callers never wait on each other beyond that statement (unlike a
 * hit inside a longer transaction, whose row lock lasts until it commits).
 */
export async function takeRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
): Promise<RateLimitTake> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    WITH pruned AS (
      DELETE FROM "RateLimitWindow" WHERE "key" = ${key} AND "windowStart" < ${windowStart}
    )
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
    SELECT ${key}, ${windowStart}, 1 WHERE ${limit}::int >= 1
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
      WHERE "RateLimitWindow"."count" < ${limit}::int
    RETURNING "count"`;
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  const taken = rows.length === 1;
  return {
    allowed: taken,
    count: taken ? Number(rows[0]!.count) : limit,
    limit,
    retryAfterSeconds,
    async giveBack() {
      if (!taken) return;
      await db.$executeRaw`
        UPDATE "RateLimitWindow" SET "count" = "count" - 1
        WHERE "key" = ${key} AND "windowStart" = ${windowStart} AND "count" > 0`;
    },
  };
}

/** Clears a key's current window (a successful sign-in forgives earlier failures). */
export async function resetRateLimit(key: string): Promise<void> {
  await db.rateLimitWindow.deleteMany({ where: { key } });
}
