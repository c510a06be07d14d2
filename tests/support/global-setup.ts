import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, startLocalDatabase } from "../../lib/db/embedded-postgres";

/**
 * Tests get a fresh, migrated database: on the embedded PostgreSQL (this
 * checkout's own cluster in .data/postgres-test-<port>, which moves to a free
 * port when another checkout's cluster holds that one, so a run never drops
 * another checkout's test database) unless TEST_DATABASE_URL names a server.
 */
export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const port = Number(process.env.TEST_PG_PORT ?? 5489);
    const db = await startLocalDatabase({
      dataDir: path.resolve(`.data/postgres-test-${port}`),
      port,
      database: "loopllama_test",
      fresh: true,
      log: (m) => console.log(`[db] ${m}`),
    });
    url = db.url;
    stop = db.stop;
  }
  await migrateDatabase(url);
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;
  return stop;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
