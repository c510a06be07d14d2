import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentReflect } from "@/inngest/functions/agent-reflect";
import { agentTick } from "@/inngest/functions/agent-tick";
import { runCrew } from "@/inngest/functions/run-crew";
import { DOC_PAGES, shellBlocks } from "@/lib/docs/pages";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { resetEnv } from "@/lib/env";
import { startAppServer, type AppServer } from "../support/app-server";
import { makeUser, type TestUser } from "../support/factory";

/**
 * Every ```sh / ```bash block of docs/, page by page in the sidebar's order,
 * run with bash, curl and jq as a reader who follows the docs top to bottom
 * would: one account, one working folder, each page's blocks in one shell.
 * The app's route handlers answer over HTTP (tests/support/app-server.ts) and
 * an engine driver runs the runs, ticks and reflections. Only two things are
 * substituted: the server's address for http://localhost:3000 and the test
 * account's token for `ll_…`. Blocks marked `<!-- not run: … -->` are skipped
 * (the reason is in the mark); the sign-in block is one of them, and the test
 * writes the cookie jar it would have made (cookies.txt) with a real session.
 * curl fails on any 4xx or 5xx answer, so an example that is refused fails.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

let server: AppServer;
let driver: Driver;
let user: TestUser;
let work: string;

function bash(script: string, cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const env = { ...process.env };
    delete env.LOOPLLAMA_URL;
    delete env.LOOPLLAMA_TOKEN;
    delete env.LOOPLLAMA_WORKSPACE;
    const child = spawn("bash", ["-c", script], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const PRELUDE = `set -euo pipefail
set -x
curl() { command curl --fail-with-body "$@"; }
`;

beforeAll(async () => {
  server = await startAppServer();
  process.env.APP_URL = server.url;
  resetEnv();
  user = await makeUser("docs");
  driver = await startDriver({
    functions: [...runCrew, ...agentTick, ...agentReflect],
    workspaces: [user.workspaceId],
    config: { pollMs: 50 },
  });
  work = await mkdtemp(path.join(tmpdir(), "loopllama-docs-"));
  // `npx loopllama` finds the checkout's command line as a project's local bin, and the examples beside it.
  await mkdir(path.join(work, "node_modules/.bin"), { recursive: true });
  await symlink(path.join(ROOT, "bin/loopllama.mjs"), path.join(work, "node_modules/.bin/loopllama"));
  await symlink(path.join(ROOT, "examples"), path.join(work, "examples"));
  // What the tools guide's sign-in writes: a cookie jar holding the account's session.
  const [name, value] = user.cookie.split("=");
  await writeFile(path.join(work, "cookies.txt"), `127.0.0.1\tFALSE\t/\tFALSE\t0\t${name}\t${value}\n`);
});

afterAll(async () => {
  await driver?.stop();
  await server?.close();
  delete process.env.APP_URL;
  resetEnv();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the docs' shell examples, run as written", () => {
  it("mark every block they do not run, and run the rest", async () => {
    const blocks = (
      await Promise.all(DOC_PAGES.map(async (p) => shellBlocks(p.file, await readFile(`docs/${p.file}`, "utf8"))))
    ).flat();
    const notRun = blocks.filter((b) => b.notRun);
    // The few that need the real app, a build, npm, Stripe or the internet, each with its reason.
    expect(notRun.map((b) => b.file)).toEqual([
      "getting-started.md",
      "getting-started.md",
      "getting-started.md",
      "guides/webhooks-and-audit.md",
      "guides/traces.md",
      "guides/traces.md",
      "guides/tools-and-credentials.md",
      "guides/tools-and-credentials.md",
      "api.md",
      "deploying.md",
      "deploying.md",
      "benchmarks.md",
    ]);
    for (const b of notRun) expect(b.notRun!.length).toBeGreaterThan(10);
    expect(blocks.length - notRun.length).toBeGreaterThan(15);
  });

  for (const page of DOC_PAGES) {
    it(`${page.file} runs against the app`, { timeout: 300_000 }, async () => {
      const blocks = shellBlocks(page.file, await readFile(`docs/${page.file}`, "utf8")).filter((b) => !b.notRun);
      if (!blocks.length) return;
      const script =
        PRELUDE +
        blocks
          .map((b) => b.code)
          .join("\n")
          .replaceAll("http://localhost:3000", server.url)
          .replaceAll("ll_…", user.token);
      const res = await bash(script, work);
      expect(res.code, `${page.file} failed:\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-4000)}`).toBe(0);
    });
  }
});
