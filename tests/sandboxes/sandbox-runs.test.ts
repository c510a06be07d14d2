import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createCredentialRoute } from "@/app/api/v1/credentials/route";
import { PATCH as updateCredentialRoute } from "@/app/api/v1/credentials/[id]/route";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { POST as startRunRoute } from "@/app/api/v1/workflows/[id]/runs/route";
import { GET as getRunRoute } from "@/app/api/v1/runs/[id]/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { resetEnv } from "@/lib/env";
import { sweepSandboxes } from "@/lib/sandboxes/delete-sandboxes";
import { parseClaudeCodeOutput } from "@/lib/sandboxes/run-claude-code";
import type { ProjectFiles } from "@/lib/projects/types";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { startDaytonaServer, type TestDaytonaServer } from "../support/daytona-server";
import { waitFor, waitForRun } from "../support/runs";

/* Sandboxes through the Daytona SDK, against a local server that speaks Daytona's API. */

let daytona: TestDaytonaServer;
/** A Daytona API the operator has not listed: nothing may be sent to it. */
let untrusted: TestDaytonaServer;
let withProvider: TestUser;
let without: TestUser;
let driver: Driver;

const registry = (network = "[github.com]", reuse = "run") => `agents:
  Builder: { sandbox: default }
sandboxes:
  default: { provider: daytona, image: { debian_slim: "3.12", apt: [git, curl] }, network: ${network}, reuse: ${reuse} }
`;

const STEP = `---
agent: Builder
---

Build {{ input }}. [[simulate:tool:write_file:{"path":"notes/plan.txt","content":"step one"}]] [[simulate:tool:run_command:{"command":"cat notes/plan.txt && echo && echo built"}]] [[simulate:tool:read_file:{"path":"notes/plan.txt"}]] [[simulate:tool:write_file:{"path":"x.txt"}]] [[simulate:tool:run_command:{"command":"yes a | head -c 10000 > big.txt && yes b | head -c 10000"}]] [[simulate:tool:read_file:{"path":"big.txt"}]]
`;

function project(network?: string, reuse?: string): ProjectFiles {
  return { "registry.yml": registry(network, reuse), "workflows/build/make.md": STEP };
}

const push = (u: TestUser, files: ProjectFiles) =>
  call(importRoute, apiRequest("POST", "/api/v1/projects/import", { token: u.token }, { files }));

async function runBuild(u: TestUser) {
  const wf = await db.workflow.findFirstOrThrow({ where: { workspaceId: u.workspaceId, name: "build" } });
  const res = await call(
    startRunRoute,
    apiRequest("POST", `/api/v1/workflows/${wf.id}/runs`, { token: u.token }, { input: "the site" }),
    { id: wf.id },
  );
  expect(res.status).toBe(202);
  return waitForRun(res.body.id, 30_000);
}

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS = "1";
  // A tool's answer is capped at this many bytes (read_file and run_command's output too).
  process.env.TOOL_MAX_RESPONSE_BYTES = "4096";
  delete process.env.DAYTONA_API_KEY;
  daytona = await startDaytonaServer();
  untrusted = await startDaytonaServer();
  // The local server is a Daytona API the operator trusts; a plain-http one elsewhere is listed too.
  process.env.DAYTONA_ALLOWED_API_URLS = `${daytona.apiUrl}, http://daytona.internal.example/api`;
  resetEnv();
  withProvider = await makeUser("sandbox-provider");
  without = await makeUser("sandbox-none");
  driver = await startDriver({
    functions: runCrew,
    workspaces: [withProvider.workspaceId, without.workspaceId],
    config: { pollMs: 50 },
  });
});

afterAll(async () => {
  await driver.stop();
  await daytona.close();
  await untrusted.close();
  delete process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS;
  delete process.env.TOOL_MAX_RESPONSE_BYTES;
  delete process.env.DAYTONA_ALLOWED_API_URLS;
  resetEnv();
});

describe("a daytona credential", () => {
  it("is bound to its API URL, and takes no hosts", async () => {
    const bad = await call(
      createCredentialRoute,
      apiRequest(
        "POST",
        "/api/v1/credentials",
        { cookie: withProvider.cookie },
        { name: "daytona-hosts", kind: "daytona", secret: daytona.apiKey, hosts: ["127.0.0.1"] },
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { field: "hosts", message: "A daytona credential is bound to its API URL, not to hosts" },
    ]);
    const res = await call(
      createCredentialRoute,
      apiRequest(
        "POST",
        "/api/v1/credentials",
        { cookie: withProvider.cookie },
        { name: "daytona", kind: "daytona", secret: daytona.apiKey, baseUrl: daytona.apiUrl },
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "daytona", baseUrl: daytona.apiUrl });
  });

  it("names only an API URL the operator trusts, at create and update; nothing is sent to another", async () => {
    const create = (name: string, baseUrl: string) =>
      call(
        createCredentialRoute,
        apiRequest(
          "POST",
          "/api/v1/credentials",
          { cookie: withProvider.cookie },
          { name, kind: "daytona", secret: untrusted.apiKey, baseUrl },
        ),
      );
    const refused = await create("daytona-elsewhere", untrusted.apiUrl);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      {
        field: "baseUrl",
        message: `${untrusted.apiUrl} is not a Daytona API URL this server trusts (Daytona's own, DAYTONA_API_URL, or one an operator lists in DAYTONA_ALLOWED_API_URLS)`,
      },
    ]);
    // Listed, but plain http to a host that is not a loopback or private address: the key would travel in clear.
    const plain = await create("daytona-plain", "http://daytona.internal.example/api");
    expect(plain.status).toBe(400);
    expect(plain.body.error.details).toEqual([
      {
        field: "baseUrl",
        message: "A daytona key is only sent over https; http://daytona.internal.example is plain http",
      },
    ]);
    const cred = await db.credential.findFirstOrThrow({
      where: { workspaceId: withProvider.workspaceId, kind: "daytona", name: "daytona" },
    });
    const moved = await call(
      updateCredentialRoute,
      apiRequest(
        "PATCH",
        `/api/v1/credentials/${cred.id}`,
        { cookie: withProvider.cookie },
        { baseUrl: `${untrusted.apiUrl}/` },
      ),
      { id: cred.id },
    );
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toEqual([
      { field: "baseUrl", message: expect.stringMatching(/is not a Daytona API URL this server trusts/) },
    ]);
    expect((await db.credential.findUniqueOrThrow({ where: { id: cred.id } })).baseUrl).toBe(daytona.apiUrl);
    expect(untrusted.requests).toEqual([]);
  });

  it("saved with an API URL the operator no longer trusts, fails the run before anything is sent", async () => {
    const u = await makeUser("sandbox-untrusted");
    const made = await call(
      createCredentialRoute,
      apiRequest(
        "POST",
        "/api/v1/credentials",
        { cookie: u.cookie },
        { name: "daytona", kind: "daytona", secret: untrusted.apiKey, baseUrl: daytona.apiUrl },
      ),
    );
    expect(made.status).toBe(201);
    // As if saved when the operator listed it, and the list changed since.
    await db.credential.updateMany({ where: { id: made.body.id }, data: { baseUrl: untrusted.apiUrl } });
    const d = await startDriver({ functions: runCrew, workspaces: [u.workspaceId], config: { pollMs: 50 } });
    try {
      expect((await push(u, project())).status).toBe(200);
      const done = await runBuild(u);
      expect(done.status).toBe("failed");
      expect(done.error).toBe(
        `Daytona credential "daytona": ${untrusted.apiUrl} is not a Daytona API URL this server trusts (Daytona's own, DAYTONA_API_URL, or one an operator lists in DAYTONA_ALLOWED_API_URLS)`,
      );
      expect(done.steps).toEqual([]);
    } finally {
      await d.stop();
    }
    expect(untrusted.requests).toEqual([]);
  });
});

describe("a run whose agent has a sandbox", () => {
  it("pushes without a provider warning once the workspace has a daytona credential", async () => {
    const res = await push(withProvider, project());
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([]);
  });

  it("creates the sandbox through the SDK, runs the agent's tools in it, records them, and deletes it at the end", async () => {
    const done = await runBuild(withProvider);
    expect(done.status).toBe("completed");
    const run = await db.run.findUniqueOrThrow({ where: { id: done.id }, select: { sandboxes: true } });
    const rows = await db.sandbox.findMany({ where: { workspaceId: withProvider.workspaceId, runId: done.id } });
    expect(rows).toHaveLength(1);
    expect(run.sandboxes).toEqual({ default: rows[0]!.id });
    const made = daytona.sandboxes.get(rows[0]!.providerId)!;
    // The image with its apt packages, the egress allowlist and labels that name the run.
    expect((made.created.buildInfo as { dockerfileContent: string }).dockerfileContent).toMatch(
      /apt-get install -y --no-install-recommends git curl/,
    );
    expect(made.created).toMatchObject({ domainAllowList: "github.com", labels: { "loopllama-run": done.id } });
    // The SDK waited for it to be started.
    expect(made.polls).toBeGreaterThan(0);
    // Each call is a recorded tool call: its output is in the transcript.
    const calls = await db.toolCall.findMany({ where: { stepId: done.steps[0]!.id }, orderBy: { index: "asc" } });
    expect(calls.map((c) => [c.name, c.result, c.error])).toEqual([
      ["write_file", "Wrote 8 bytes to notes/plan.txt", null],
      ["run_command", JSON.stringify({ exitCode: 0, output: "step one\nbuilt\n" }), null],
      ["read_file", "step one", null],
      ["write_file", null, "write_file: content is required"],
      // Output past TOOL_MAX_RESPONSE_BYTES is cut.
      [
        "run_command",
        JSON.stringify({ exitCode: 0, output: `${"b\n".repeat(2048)}\n… (output cut at 4096 bytes of 10000)` }),
        null,
      ],
      // A file past the cap is refused by its size, without being downloaded.
      [
        "read_file",
        null,
        "read_file: big.txt is 10000 bytes, more than the 4096 a read may return; read part of it with run_command (head, tail or sed -n)",
      ],
    ]);
    expect(made.downloads).toEqual(["notes/plan.txt"]);
    expect(made.commands.map((c) => c.command)).toEqual([
      "cat notes/plan.txt && echo && echo built",
      "yes a | head -c 10000 > big.txt && yes b | head -c 10000",
    ]);
    // Deleted when the run ended, in the step after the run's finish.
    await waitFor(() => db.sandbox.findFirst({ where: { id: rows[0]!.id, deletedAt: { not: null } } }));
    expect(made.state).toBe("destroyed");
  });

  it("the SDK follows no redirect: an API answering with one sends nothing elsewhere and the run fails", async () => {
    await push(withProvider, project());
    daytona.redirectTo(new URL(untrusted.apiUrl).origin);
    try {
      const done = await runBuild(withProvider);
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/^Daytona could not create a sandbox: .*307/);
      expect(done.steps).toEqual([]);
    } finally {
      daytona.redirectTo(null);
    }
    expect(untrusted.requests).toEqual([]);
  });

  it("with no hosts declared, the sandbox may reach none", async () => {
    await push(withProvider, project("[]"));
    const done = await runBuild(withProvider);
    expect(done.status).toBe("completed");
    const row = await db.sandbox.findFirstOrThrow({ where: { runId: done.id } });
    expect(daytona.sandboxes.get(row.providerId)!.created).toMatchObject({ networkBlockAll: true });
    expect(daytona.sandboxes.get(row.providerId)!.created.domainAllowList).toBeUndefined();
  });

  it("reuse: workflow keeps one sandbox for the workflow's runs; the sweep deletes it once idle", async () => {
    await push(withProvider, project("[github.com]", "workflow"));
    const first = await runBuild(withProvider);
    const second = await runBuild(withProvider);
    expect([first.status, second.status]).toEqual(["completed", "completed"]);
    const [a, b] = await Promise.all(
      [first.id, second.id].map((id) => db.run.findUniqueOrThrow({ where: { id }, select: { sandboxes: true } })),
    );
    expect(a!.sandboxes).toEqual(b!.sandboxes);
    const kept = await db.sandbox.findUniqueOrThrow({
      where: { id: (a!.sandboxes as Record<string, string>).default },
    });
    expect(kept.runId).toBeNull();
    expect(daytona.sandboxes.get(kept.providerId)!.state).toBe("started");
    // Not idle yet: kept.
    expect(await sweepSandboxes({ workspaceId: withProvider.workspaceId })).toBe(0);
    // The definition changes (no egress now): the next run does not reuse the sandbox made
    // from the old one, which is deleted at once, not at the idle sweep.
    await push(withProvider, project("[]", "workflow"));
    const third = await runBuild(withProvider);
    expect(third.status).toBe("completed");
    const replaced = (await db.run.findUniqueOrThrow({ where: { id: third.id }, select: { sandboxes: true } }))
      .sandboxes as Record<string, string>;
    expect(replaced.default).not.toBe(kept.id);
    expect(daytona.sandboxes.get(kept.providerId)!.state).toBe("destroyed");
    expect((await db.sandbox.findUniqueOrThrow({ where: { id: kept.id } })).deletedAt).not.toBeNull();
    const fresh = await db.sandbox.findUniqueOrThrow({ where: { id: replaced.default } });
    expect(daytona.sandboxes.get(fresh.providerId)!.created).toMatchObject({ networkBlockAll: true });
    // The same definition again: reused.
    const fourth = await runBuild(withProvider);
    expect(
      (await db.run.findUniqueOrThrow({ where: { id: fourth.id }, select: { sandboxes: true } })).sandboxes,
    ).toEqual(replaced);
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await sweepSandboxes({ workspaceId: withProvider.workspaceId, now: later })).toBe(1);
    expect(daytona.sandboxes.get(fresh.providerId)!.state).toBe("destroyed");
  });

  it("the sweep deletes a sandbox whose run ended while the process that should delete it was gone", async () => {
    await push(withProvider, project());
    const done = await runBuild(withProvider);
    // The run's own sandbox is deleted by the run (in the step after its finish).
    await waitFor(async () => (await db.sandbox.count({ where: { runId: done.id, deletedAt: null } })) === 0);
    // As if the process had died between the run's end and its sandbox's deletion.
    const created = await db.sandbox.create({
      data: {
        workspaceId: withProvider.workspaceId,
        runId: done.id,
        workflowId: done.workflowId,
        name: "default",
        providerId: "sbx-left-behind",
        credentialId: (await db.credential.findFirstOrThrow({ where: { workspaceId: withProvider.workspaceId } })).id,
      },
    });
    daytona.sandboxes.set("sbx-left-behind", {
      id: "sbx-left-behind",
      state: "started",
      created: {},
      dir: "/nonexistent-sandbox-dir",
      commands: [],
      polls: 0,
      uploads: [],
    });
    expect(await sweepSandboxes({ workspaceId: withProvider.workspaceId })).toBe(1);
    expect(daytona.sandboxes.get("sbx-left-behind")!.state).toBe("destroyed");
    expect((await db.sandbox.findUniqueOrThrow({ where: { id: created.id } })).deletedAt).not.toBeNull();
  });

  it("without a provider, push warns which agents need one and the run fails with that before any model call", async () => {
    const before = daytona.requests.length;
    const pushed = await push(without, project());
    expect(pushed.status).toBe(200);
    expect(pushed.body.warnings).toEqual([
      expect.objectContaining({
        file: "registry.yml",
        line: 4,
        message: expect.stringMatching(/agents Builder need it/),
      }),
    ]);
    const done = await runBuild(without);
    expect(done.status).toBe("failed");
    expect(done.error).toBe(
      'Agents Builder need sandbox "default", and no daytona sandbox provider is configured (add a daytona credential to the workspace, or set DAYTONA_API_KEY on the server)',
    );
    expect(done.errorCode).toBe("sandbox_unavailable");
    expect(done.steps).toEqual([]);
    expect(done.inputTokens).toBe(0);
    expect(daytona.requests.length).toBe(before);
  });
});

describe("harness.runtime claude-code with a sandbox", () => {
  const CODE = `---
agent: Coder
output: { summary: str }
---

Fix the flaky test in {{ input }}.
`;
  const files: ProjectFiles = {
    "registry.yml": `agents:
  Coder: { sandbox: default, harness: { runtime: claude-code, model: claude-sonnet-4-6 } }
sandboxes:
  default: { provider: daytona, image: { debian_slim: "3.12", apt: [git] }, network: [api.anthropic.com] }
`,
    "workflows/code/fix.md": CODE,
  };

  const startCode = async (u: TestUser) => {
    const wf = await db.workflow.findFirstOrThrow({ where: { workspaceId: u.workspaceId, name: "code" } });
    const res = await call(
      startRunRoute,
      apiRequest("POST", `/api/v1/workflows/${wf.id}/runs`, { token: u.token }, { input: "api/" }),
      { id: wf.id },
    );
    return waitForRun(res.body.id, 30_000);
  };

  it("never hands the server's ANTHROPIC_API_KEY to the sandbox: a model with no credential fails the step first", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-server-key-never-in-a-sandbox";
    resetEnv();
    try {
      expect((await push(withProvider, files)).status).toBe(200);
      const done = await startCode(withProvider);
      expect(done.status).toBe("failed");
      expect(done.steps[0]!.error).toBe(
        "claude-code runs in the sandbox with the workspace's own Anthropic key, and model claude-sonnet-4-6 names no credential: bind an anthropic credential to the model (its credentialId)",
      );
      const row = await db.sandbox.findFirstOrThrow({ where: { runId: done.id } });
      const made = daytona.sandboxes.get(row.providerId)!;
      expect(made.commands).toEqual([]);
      expect(made.uploads).toEqual([]);
    } finally {
      delete process.env.ANTHROPIC_API_KEY;
      resetEnv();
    }
  });

  it("runs the Claude Agent SDK inside the sandbox with the agent's prompt and its model's own key; its result is the step's answer", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-server-key-never-in-a-sandbox";
    resetEnv();
    try {
      const key = await call(
        createCredentialRoute,
        apiRequest(
          "POST",
          "/api/v1/credentials",
          { cookie: withProvider.cookie },
          { name: "anthropic-team", kind: "anthropic", secret: "sk-ant-the-workspace-own-key" },
        ),
      );
      expect(key.status).toBe(201);
      const model = JSON.stringify({ provider: "anthropic", model: "claude-sonnet-4-6", credentialId: key.body.id });
      const result = {
        text: 'Fixed the race.\n{"summary":"awaited the timer"}',
        error: null,
        inputTokens: 1200,
        outputTokens: 80,
      };
      daytona.scripted.push({
        match: /node runner\.mjs/,
        exitCode: 0,
        result: `installing…\n@@loopllama-result ${JSON.stringify(result)}\n`,
      });
      const withKey = {
        ...files,
        "registry.yml": files["registry.yml"]!.replace("model: claude-sonnet-4-6", `model: '${model}'`),
      };
      expect((await push(withProvider, withKey)).status).toBe(200);
      const done = await startCode(withProvider);
      expect(done.status).toBe("completed");
      expect(done.steps[0]).toMatchObject({
        status: "completed",
        data: { summary: "awaited the timer" },
        inputTokens: 1200,
        outputTokens: 80,
      });
      const row = await db.sandbox.findFirstOrThrow({ where: { runId: done.id } });
      const made = daytona.sandboxes.get(row.providerId)!;
      // Node.js and npm join the image's packages for the SDK.
      expect((made.created.buildInfo as { dockerfileContent: string }).dockerfileContent).toMatch(
        /install -y --no-install-recommends git nodejs npm/,
      );
      // The command installs the SDK afresh in a new directory (never one the sandbox already
      // holds) and runs the runner on the job there, in the sandbox's working directory.
      const command = made.commands.find((c) => /runner\.mjs/.test(c.command))!;
      expect(command.command).toBe(
        `w="$(pwd)" && d="$(mktemp -d)" && trap 'rm -rf "$d"' EXIT && cp .loopllama/claude-code/runner.mjs "$d/" && cd "$d" && ` +
          `npm install --silent --no-audit --no-fund --no-package-lock --registry=https://registry.npmjs.org/ @anthropic-ai/claude-agent-sdk@0.3 >/dev/null && ` +
          `node runner.mjs "$w/.loopllama/claude-code/job-${done.steps[0]!.id}.json" "$w"`,
      );
      // The workspace's own key, never the server's.
      expect(command.envs).toEqual({ ANTHROPIC_API_KEY: "sk-ant-the-workspace-own-key" });
      const runner = made.uploads.find((u) => u.path === ".loopllama/claude-code/runner.mjs")!;
      expect(runner.content).toMatch(/from "@anthropic-ai\/claude-agent-sdk"/);
      const job = JSON.parse(made.uploads.find((u) => u.path.endsWith(`job-${done.steps[0]!.id}.json`))!.content);
      expect(job.model).toBe("claude-sonnet-4-6");
      expect(job.system).toMatch(/Fix the flaky test in api\//);
      expect(job.prompt).toMatch(/^api\//);
      expect(job.prompt).toMatch(/end your answer with only a JSON object with these fields: \{"summary":"str"\}/);
      // The run's page: the runtime that ran, as asked.
      const shown = await call(
        getRunRoute,
        apiRequest("GET", `/api/v1/runs/${done.id}`, { token: withProvider.token }),
        {
          id: done.id,
        },
      );
      expect(shown.body.steps[0].agent).toEqual({
        skills: [],
        sandbox: "default",
        runtime: "claude-code",
        ranAs: null,
      });
    } finally {
      daytona.scripted.length = 0;
      delete process.env.ANTHROPIC_API_KEY;
      resetEnv();
    }
  });

  it("output without the runner's result line fails the step with its last lines", () => {
    expect(() => parseClaudeCodeOutput("npm ERR! 404 Not Found\n", 1)).toThrow(
      "claude-code in the sandbox ended (exit 1) without a result: npm ERR! 404 Not Found",
    );
    const bad = JSON.stringify({ text: "done, no JSON", error: null, inputTokens: 5, outputTokens: 2 });
    expect(() => parseClaudeCodeOutput(`@@loopllama-result ${bad}\n`, 0, { summary: "str" })).toThrow(
      /did not end with its typed fields/,
    );
  });
});
