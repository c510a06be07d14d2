import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkAuthSecret } from "@/lib/env/check-auth-secret";

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

/** The test's environment without the secret, and a database nobody listens on (nothing may reach it). */
function startEnv(extra: Env = {}): Env {
  const { NEXTAUTH_SECRET: _secret, NODE_ENV: _mode, ...rest } = process.env;
  return { ...rest, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", ...extra };
}

describe("npm start without NEXTAUTH_SECRET", () => {
  it("stops before the database and the server start, with one line and a non-zero exit", async () => {
    // Quietly: only the scripts' own output.
    const { code, stdout, stderr } = await run(["npm", "run", "-s", "start"], startEnv());
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([checkAuthSecret({ NODE_ENV: "production" })]);
    expect(stderr).toMatch(/^NEXTAUTH_SECRET is not set/);
    expect(stdout).not.toContain("[db]");
  }, 60_000);

  it("goes on to the database when the secret is set", async () => {
    const { code, stderr } = await run(["npm", "run", "-s", "start"], startEnv({ NEXTAUTH_SECRET: "a-real-secret" }));
    // The unreachable database stops it next: the secret check let it through.
    expect(code).not.toBe(0);
    expect(stderr).not.toContain("NEXTAUTH_SECRET");
    expect(stderr).toMatch(/reach database server/i);
  }, 60_000);

  it("checks next start however it is named, and leaves next dev its development secret", async () => {
    const withDb = ["node_modules/.bin/tsx", "scripts/with-db.ts"];
    const start = await run([...withDb, "node_modules/.bin/next", "start", "-H", "127.0.0.1"], startEnv());
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/^NEXTAUTH_SECRET is not set/);
    const dev = await run([...withDb, "node_modules/.bin/next", "dev"], startEnv());
    expect(dev.code).not.toBe(0);
    expect(dev.stderr).not.toContain("NEXTAUTH_SECRET");
    expect(dev.stderr).toMatch(/reach database server/i);
  }, 60_000);
});

describe("checkAuthSecret", () => {
  it("asks for the secret only in production", () => {
    expect(checkAuthSecret({ NODE_ENV: "production" })).toMatch(/^NEXTAUTH_SECRET is not set/);
    expect(checkAuthSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "  " })).not.toBeNull();
    expect(checkAuthSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "s" })).toBeNull();
    // npm run dev keeps its development secret.
    expect(checkAuthSecret({ NODE_ENV: "development" })).toBeNull();
    expect(checkAuthSecret({})).toBeNull();
  });
});
