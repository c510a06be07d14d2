/** Prisma's codes for "no connection in time": pool timeout, transaction start/expiry, too many connections. */
const BUSY_CODES = new Set(["P2024", "P2028", "P2037", "53300"]);

/** The same, as the pg pool and PostgreSQL word them when they arrive unwrapped. */
const BUSY_MESSAGE =
  /timeout exceeded when trying to connect|connection terminated due to connection timeout|too many clients|unable to start a transaction in the given time|timed out fetching a new connection/i;

/**
 * Whether an error means the database had no connection (or no time) for the
 * request: the pool was exhausted, a transaction could not start or expired
 * waiting, or PostgreSQL refused another client. Such a request is worth
 * retrying shortly; it is not a bug. Follows `cause` chains a few levels down.
 */
export function isDatabaseBusy(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && BUSY_CODES.has(code)) return true;
    if (typeof message === "string" && BUSY_MESSAGE.test(message)) return true;
    current = cause;
  }
  return false;
}
