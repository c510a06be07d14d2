import { spawn } from "node:child_process";
import { realpathSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalDatabase, startLocalDatabase } from "@/lib/db/embedded-postgres";

const root = path.resolve(import.meta.dirname, "../..");
// Inside the checkout, where the embedded cluster's own user can reach its folder.
const otherDir = path.join(root, ".data", `first-run-${process.pid}-other`);
const ourDir = path.join(root, ".data", `first-run-${process.pid}-ours`);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const dataDirectory = async (url: string) =>
  (await query<{ data_directory: string }>(url, "SHOW data_directory"))[0]!.data_directory;

/** Runs a command and collects what it printed. */
function run(
  command: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the embedded database belongs to its checkout", () => {
  let other: LocalDatabase;
  let ours: LocalDatabase | undefined;

  beforeAll(async () => {
    // Another checkout's cluster on the default port (or, when that is taken on this machine, wherever it went).
    other = await startLocalDatabase({ dataDir: otherDir, port: 5488, database: "other_checkout" });
  }, 120_000);

  afterAll(async () => {
    await ours?.stop();
    await other?.stop();
    rmSync(otherDir, { recursive: true, force: true });
    rmSync(ourDir, { recursive: true, force: true });
  }, 60_000);

  it("starts on a free port when another checkout's cluster holds its port, and says which database it uses", async () => {
    const lines: string[] = [];
    ours = await startLocalDatabase({
      dataDir: ourDir,
      port: other.port,
      database: "this_checkout",
      log: (m) => lines.push(m),
    });

    expect(ours.port).not.toBe(other.port);
    expect(lines).toContain(
      `port ${other.port} is held by another PostgreSQL, with data in ${realpathSync(otherDir)}: ` +
        `this checkout's database takes port ${ours.port}`,
    );
    expect(lines.at(-1)).toBe(`embedded PostgreSQL 18 at 127.0.0.1:${ours.port}, data in ${ourDir}`);

    // Its URL reaches its own cluster, and nothing was created in the other one.
    expect(realpathSync(await dataDirectory(ours.url))).toBe(realpathSync(ourDir));
    expect(realpathSync(await dataDirectory(other.url))).toBe(realpathSync(otherDir));
    const names = await query<{ datname: string }>(other.url, "SELECT datname FROM pg_database");
    expect(names.map((r) => r.datname)).not.toContain("this_checkout");
  }, 120_000);

  it("is found again by the checkout's next process on the port it took", async () => {
    const lines: string[] = [];
    // `npm run seed` while `npm run dev` runs: same folder, same asked-for port.
    const again = await startLocalDatabase({
      dataDir: ourDir,
      port: other.port,
      database: "this_checkout",
      log: (m) => lines.push(m),
    });
    expect(again.port).toBe(ours!.port);
    expect(lines).toEqual([`embedded PostgreSQL 18 at 127.0.0.1:${ours!.port}, data in ${ourDir}`]);
    // It did not start the cluster, so it does not stop it.
    await again.stop();
    expect(realpathSync(await dataDirectory(ours!.url))).toBe(realpathSync(ourDir));
  }, 60_000);

  it("moves off a port held by a program that is not PostgreSQL", async () => {
    await ours!.stop();
    ours = undefined;
    const squatter = net.createServer((socket) => socket.end("not postgres\n"));
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
    const held = (squatter.address() as net.AddressInfo).port;
    try {
      const lines: string[] = [];
      ours = await startLocalDatabase({
        dataDir: ourDir,
        port: held,
        database: "this_checkout",
        log: (m) => lines.push(m),
      });
      expect(ours.port).not.toBe(held);
      expect(lines[0]).toBe(
        `port ${held} is held by a program that is not this checkout's PostgreSQL: this checkout's database takes port ${ours.port}`,
      );
      expect(realpathSync(await dataDirectory(ours.url))).toBe(realpathSync(ourDir));
    } finally {
      squatter.close();
    }
  }, 60_000);

  it("npm run dev's database step never uses the cluster on its port when it is another checkout's", async () => {
    const { DATABASE_URL: _url, ...env } = process.env;
    const { code, stdout, stderr } = await run(
      [
        "node_modules/.bin/tsx",
        "scripts/with-db.ts",
        process.execPath,
        "-e",
        "console.log('url ' + process.env.DATABASE_URL)",
      ],
      { ...env, EMBEDDED_PG_DIR: ourDir, EMBEDDED_PG_PORT: String(other.port) },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const used = Number(new URL(stdout.match(/^url (.+)$/m)![1]!).port);
    expect(used).not.toBe(other.port);
    expect(stdout.split("\n")[0]).toBe(`[db] embedded PostgreSQL 18 at 127.0.0.1:${used}, data in ${ourDir}`);
    expect(stdout).toContain("[db] migrations applied");
    const names = await query<{ datname: string }>(other.url, "SELECT datname FROM pg_database");
    expect(names.map((r) => r.datname)).not.toContain("loopllama");
  }, 120_000);
});
