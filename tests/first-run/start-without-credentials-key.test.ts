import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkCredentialsKey } from "@/lib/env/check-credentials-key";

type Env = Record<string, string | undefined>;

/** Runs a command and collects what it printed. */
function run(command: string[], env: Env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The test's environment with an auth secret but no credentials key, and a database nobody listens on. */
function startEnv(extra: Env = {}): Env {
  const { CREDENTIALS_KEY: _key, NODE_ENV: _mode, ...rest } = process.env;
  return {
    ...rest,
    NEXTAUTH_SECRET: "a-real-secret",
    DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    ...extra,
  };
}

describe("npm start without CREDENTIALS_KEY", () => {
  it("stops before the database and the server start, with one line and a non-zero exit", async () => {
    const { code, stdout, stderr } = await run(["npm", "run", "-s", "start"], startEnv());
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([checkCredentialsKey({ NODE_ENV: "production" })]);
    expect(stderr).toMatch(/^CREDENTIALS_KEY is not set/);
    expect(stdout).not.toContain("[db]");
  }, 60_000);

  it("stops on a key that is not 32 bytes, and goes on to the database with a real one", async () => {
    const bad = await run(["npm", "run", "-s", "start"], startEnv({ CREDENTIALS_KEY: "too-short" }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^CREDENTIALS_KEY is not a 32-byte key/);
    expect(bad.stderr).not.toContain("too-short");

    const good = await run(["npm", "run", "-s", "start"], startEnv({ CREDENTIALS_KEY: "ab".repeat(32) }));
    // The unreachable database stops it next: the key check let it through.
    expect(good.code).not.toBe(0);
    expect(good.stderr).not.toContain("CREDENTIALS_KEY");
    expect(good.stderr).toMatch(/reach database server/i);
  }, 60_000);

  it("leaves next dev its generated development key", async () => {
    const withDb = ["node_modules/.bin/tsx", "scripts/with-db.ts"];
    const dev = await run([...withDb, "node_modules/.bin/next", "dev"], startEnv());
    expect(dev.code).not.toBe(0);
    expect(dev.stderr).not.toContain("CREDENTIALS_KEY");
    expect(dev.stderr).toMatch(/reach database server/i);
  }, 60_000);
});
