import type { Prisma } from "@/lib/generated/prisma/client";

/** Anything that can run raw SQL: the root client, a tenant client or a transaction. */
export interface SqlRunner {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Prisma.PrismaPromise<T>;
}
