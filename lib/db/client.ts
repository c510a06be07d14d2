import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`.");
  }
  const { DATABASE_POOL_SIZE, DATABASE_POOL_TIMEOUT_MS } = env();
  // A request waits its turn for a connection up to DATABASE_POOL_TIMEOUT_MS;
  // past it the pool fails the query and the API answers 503 with Retry-After.
  const adapter = new PrismaPg({
    connectionString,
    max: DATABASE_POOL_SIZE,
    connectionTimeoutMillis: DATABASE_POOL_TIMEOUT_MS,
  });
  return new PrismaClient({
    adapter,
    // Prisma checks maxWait only once the pool has handed over a connection, and
    // then fails a transaction that waited longer (Prisma's default is 2 s): so a
    // burst queued on a busy pool would be thrown away after waiting. The pool's
    // own timeout is the one bound on the wait.
    transactionOptions: { maxWait: DATABASE_POOL_TIMEOUT_MS + 1_000 },
    // Secret columns stay out of every result unless a query asks for them.
    omit: {
      user: { passwordHash: true },
      apiToken: { tokenHash: true },
      invite: { tokenHash: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;

// One client per process across Next's bundles and hot reloads, kept on globalThis, which TypeScript types
// without this field (hence the cast).
const globalForDb = globalThis as unknown as { loopllamaDb?: Db };

function client(): Db {
  globalForDb.loopllamaDb ??= createClient();
  return globalForDb.loopllamaDb;
}

/**
 * The one Prisma client of the process. It connects on first use, so importing
 * a module that uses it (as `next build` does) needs no database.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = client();
    const value = Reflect.get(real, prop, real) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});
