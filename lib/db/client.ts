import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`.");
  }
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  // Secret columns stay out of every result unless a query asks for them.
  return new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true },
      apiToken: { tokenHash: true },
      invite: { tokenHash: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;

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
