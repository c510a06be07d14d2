import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile, cp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listEvents, POST as emitEvent } from "@/app/api/v1/events/route";
import { GET as exportProject } from "@/app/api/v1/projects/export/route";
import { GET as projectHosting } from "@/app/api/v1/projects/hosting/route";
import { POST as importProject } from "@/app/api/v1/projects/import/route";
import { GET as runEvents } from "@/app/api/v1/runs/[id]/events/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { GET as listWorkflows } from "@/app/api/v1/workflows/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { readProjectDir } from "@/lib/projects/project-dir";
import { createCredential } from "@/lib/credentials/create-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { resetEnv } from "@/lib/env";
import { startDaytonaServer } from "../support/daytona-server";
import { makeUser, type Handler, type TestUser } from "../support/factory";
import { createWorkflowOk, makeEventType, onEvent } from "../events/helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXAMPLE = path.join(ROOT, "examples/ai-sre");

/** The test process's environment without any loopllama settings a developer may have exported. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.LOOPLLAMA_URL;
  delete env.LOOPLLAMA_TOKEN;
  delete env.LOOPLLAMA_WORKSPACE;
  return env;
}

/** Runs `loopllama` as a user would, through the package's bin. */
function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/loopllama.mjs"), ...args], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("loopllama compile", () => {
  it("prints the stats line and exits 0 for the example", async () => {
    const res = await cli(["compile", "examples/ai-sre"]);
    expect(res.stdout).toBe("✓ 4 workflows · 7 steps · 4 events — graph ok\n");
    expect(res.code).toBe(0);
  });

  it("compiles the seed's project as printed with exit 0 and warnings only", async () => {
    const seed = path.join(ROOT, "tests/projects/fixtures/seed-004");
    const res = await cli(["compile", seed]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe("✓ 1 workflow · 4 steps · 2 events — graph ok\n");
    expect(res.stderr).toContain(
      `${seed}/workflows/resolve/ship.md:4: warning: emits: "GoalShipped" is not declared in the events: section of registry.yml`,
    );
    expect(res.stderr).toContain(`${seed}/registry.yml:7: warning: agents.Fixer.tools: "open_pr" is not declared`);
  });

  it("prints each error as file:line: message and exits 1", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "loopllama-"));
    await cp(EXAMPLE, dir, { recursive: true });
    const fix = path.join(dir, "workflows/resolve/fix.md");
    await writeFile(fix, (await readFile(fix, "utf8")).replace("{{ arbitrate.goal }}", "{{ review.verdict }}"));
    await writeFile(path.join(dir, "workflows/upkeep/extra.md"), "---\nsensors: [testing]\n---\nDo it.\n");
    const res = await cli(["compile", dir]);
    expect(res.code).toBe(1);
    expect(res.stderr.split("\n")).toEqual(
      expect.arrayContaining([
        `${fix}:9: Template {{ review.verdict }} in node "fix": node "review" is not certain to have run before it`,
        expect.stringMatching(
          new RegExp(`^${dir}/workflows/upkeep/extra\\.md:2: Header key "sensors" is not supported`),
        ),
        expect.stringMatching(/^✗ \d+ errors$/),
      ]),
    );
  });

  it("exits 2 with the usage for an unknown command, 0 for --help", async () => {
    expect((await cli(["frobnicate"])).code).toBe(2);
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("loopllama compile DIR");
  });
});

describe("loopllama against a server", () => {
  let server: Server;
  let url: string;
  let user: TestUser;
  let driver: Driver;

  const routes: [string, RegExp, Handler][] = [
    ["POST", /^\/api\/v1\/projects\/import$/, importProject],
    ["GET", /^\/api\/v1\/projects\/export$/, exportProject],
    ["GET", /^\/api\/v1\/projects\/hosting$/, projectHosting],
    ["GET", /^\/api\/v1\/workflows$/, listWorkflows],
    ["POST", /^\/api\/v1\/workflows\/(?<id>[^/]+)\/runs$/, createRun],
    ["GET", /^\/api\/v1\/runs\/(?<id>[^/]+)\/events$/, runEvents],
    ["POST", /^\/api\/v1\/events$/, emitEvent],
    ["GET", /^\/api\/v1\/events$/, listEvents],
  ];

  beforeAll(async () => {
    user = await makeUser("cli");
    driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
    // The route handlers over HTTP, as the app serves them.
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const target = new URL(req.url ?? "/", "http://localhost");
      const route = routes.find(([method, pattern]) => method === req.method && pattern.test(target.pathname));
      if (!route) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "not_found", message: "No such route." } }));
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(target, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const params = route[1].exec(target.pathname)!.groups ?? {};
      const response = await route[2](request, { params: Promise.resolve(params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) {
        const reader = response.body.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
      }
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await driver.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const env = () => ({ LOOPLLAMA_URL: url, LOOPLLAMA_TOKEN: user.token });

  it("push, push again, pull: only what changed is versioned and the files come back byte for byte", async () => {
    const first = await cli(["push", "examples/ai-sre"], env());
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("✓ resolve created (version 1)");
    expect(first.stdout).toContain("✓ pushed 4 workflows (4 changed) · 4 events");

    const again = await cli(["push", "examples/ai-sre"], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("· resolve unchanged");
    expect(again.stdout).toContain("✓ pushed 4 workflows (0 changed) · 4 events");

    const dir = await mkdtemp(path.join(tmpdir(), "loopllama-pull-"));
    const pulled = await cli(["pull", dir], env());
    expect(pulled.code).toBe(0);
    // registry.yml, 7 steps, 3 skill files and two sensors.
    expect(pulled.stdout).toBe(`✓ wrote 13 files to ${dir}\n`);
    expect(await readProjectDir(dir)).toEqual(await readProjectDir(EXAMPLE));

    const refused = await cli(["pull", dir], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`✗ ${dir} is not empty; pass --force to overwrite it\n`);
    expect((await cli(["pull", dir, "--force"], env())).code).toBe(0);
  });

  it("run without a workflow prints what the server hosts for the project, as the Events page shows it", async () => {
    const res = await cli(["run"], env());
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toBe("hosting 1 sensor webhook · 2 schedules armed · waiting for events\n");
  });

  it("run follows the run; one whose sandbox has no provider fails before any step, exit 1", async () => {
    const res = await cli(["run", "upkeep", "--input", "Scan tonight's changes."], env());
    expect(res.code).toBe(1);
    const lines = `${res.stdout}${res.stderr}`.split("\n");
    // What the Events page shows for the project, then the run.
    expect(lines[0]).toBe("hosting 1 sensor webhook · 2 schedules armed");
    expect(lines[1]).toMatch(/^▸ upkeep: run \S+$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^✗ upkeep failed \[sandbox_unavailable\]: Agents Investigator need sandbox "default", and no daytona sandbox provider is configured/,
      ),
    );
  });

  it("run follows upkeep to its end in a sandbox of the local Daytona server, as the README has a new user do", async () => {
    process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS = "1";
    const daytona = await startDaytonaServer();
    // The operator lists the local server, as the README says to.
    process.env.DAYTONA_ALLOWED_API_URLS = daytona.apiUrl;
    resetEnv();
    const credential = await createCredential(
      scopeFor(user.workspaceId),
      { type: "system", id: null },
      {
        name: "Local Daytona",
        kind: "daytona",
        secret: daytona.apiKey,
        baseUrl: daytona.apiUrl,
        createdById: null,
      },
    );
    try {
      const res = await cli(["run", "upkeep", "--input", "Scan tonight's changes."], env());
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^✓ upkeep completed/m);
      expect([...daytona.sandboxes.values()].map((s) => s.created.labels)).toEqual([
        expect.objectContaining({ "loopllama-sandbox": "default" }),
      ]);
    } finally {
      await db.credential.delete({ where: { id: credential.id } });
      await daytona.close();
      delete process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS;
      delete process.env.DAYTONA_ALLOWED_API_URLS;
      resetEnv();
    }
  });

  it("emit posts the event and follows the run it started", async () => {
    const data = { metric: "p95_ms", value: 900, threshold: 500, dashboard: "https://grafana.example.com/d/1" };
    const res = await cli(["emit", "MetricCrossed", "--data", JSON.stringify(data)], env());
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const lines = res.stdout.split("\n");
    expect(lines[0]).toMatch(/^▸ MetricCrossed \S+: started 1 run$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✓ check \(Reviewer\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ confirm completed/));

    const invalid = await cli(["emit", "MetricCrossed", "--data", '{"metric": 1}'], env());
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^✗ POST \/api\/v1\/events failed \(400\): .*data\./);
    const notJson = await cli(["emit", "MetricCrossed", "--data", "{oops"], env());
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/--data is not JSON/);
  });

  it("emit follows the chain: triage, the WorkItem it emits, resolve step by step with outputs, its GoalShipped", async () => {
    const data = {
      source: "sentry",
      issue_id: "S-1",
      title: "Checkout is down",
      link: "https://sentry.example.com/1",
    };
    const res = await cli(["emit", "Incident", "--data", JSON.stringify(data), "--follow"], env());
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const lines = res.stdout.split("\n");
    const at = (pattern: RegExp) => {
      const i = lines.findIndex((l) => pattern.test(l));
      expect(i, `${pattern} in\n${res.stdout}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      at(/^▸ Incident \S+: started 1 run$/),
      at(/^ {2}✓ investigate \(Investigator\)/),
      at(/^ {4}\{"link":"https:\/\/example\.com\/link",/),
      at(/^✓ triage completed/),
      at(/^▸ triage emitted WorkItem \S+: started 1 run$/),
      at(/^ {2}✓ arbitrate \(Investigator\)/),
      at(/^ {2}✓ review \(Reviewer\)/),
      at(/^ {4}\{"verdict":"pass"\}$/),
      at(/^ {2}✓ ship \(Releaser\)/),
      at(/^✓ resolve completed/),
      at(/^▸ resolve emitted GoalShipped \S+: started no runs/),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("run refuses a workflow that reads its event's data, saying which event to emit", async () => {
    const res = await cli(["run", "resolve", "--input", "Fix checkout."], env());
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("hosting 1 sensor webhook · 2 schedules armed\n");
    expect(res.stderr).toBe(
      '✗ Workflow "resolve" reads {{ event.proposed_goal }} from a WorkItem event, which a run request does not carry; ' +
        "emit a WorkItem to run it. With the CLI: loopllama emit WorkItem --data '{…}'\n",
    );
  });

  it("push refused over an event type another workflow uses says how to push anyway", async () => {
    const other = await makeUser("cli-clash");
    await makeEventType(other, "Incident", { title: "str", severity: "enum[low, high]" });
    await createWorkflowOk(other, onEvent("Alert triage", "Incident"));
    const res = await cli(["push", "examples/ai-sre"], { LOOPLLAMA_URL: url, LOOPLLAMA_TOKEN: other.token });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('its fields cannot change while "Alert triage" (not in this project) use it');
    expect(res.stderr).toContain("Push into a workspace of its own");
  });

  it("says what went wrong: a bad token, an unknown workflow, no server", async () => {
    const bad = await cli(["pull", "/tmp/never-written"], { LOOPLLAMA_URL: url, LOOPLLAMA_TOKEN: "llama_nope" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/refused the token \(401\).*check --token or LOOPLLAMA_TOKEN/);

    const unknown = await cli(["run", "nope", "--input", "x"], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('✗ No workflow named "nope" (nor with that id) in the workspace\n');

    const down = await cli(["push", "examples/ai-sre", "--url", "http://127.0.0.1:9", "--token", "t"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^✗ Cannot reach http:\/\/127\.0\.0\.1:9 .*check --url or LOOPLLAMA_URL/);
  });
});
