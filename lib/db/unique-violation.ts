/** Whether an error is a unique-constraint violation (Prisma P2002, PostgreSQL 23505), however wrapped. */
export function isUniqueViolation(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (code === "P2002" || code === "23505") return true;
    current = cause;
  }
  return false;
}

/** Whether an error is a foreign-key violation (Prisma P2003, PostgreSQL 23503), however wrapped. */
export function isForeignKeyViolation(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (code === "P2003" || code === "23503") return true;
    current = cause;
  }
  return false;
}
