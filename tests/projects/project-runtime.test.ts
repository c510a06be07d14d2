import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/projects/import/route";
import { GET as exportRoute } from "@/app/api/v1/projects/export/route";
import { POST as startRunRoute } from "@/app/api/v1/workflows/[id]/runs/route";
import { GET as getRunRoute } from "@/app/api/v1/runs/[id]/route";
import { PUT as putGraph } from "@/app/api/v1/workflows/[id]/graph/route";
import { storedGraph } from "@/lib/workflows/graph/stored-graph";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { toolSpecsFor } from "@/lib/tools/tool-specs";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { resetEnv } from "@/lib/env";
import type { ProjectFiles } from "@/lib/projects/types";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { startMcpServer, type TestMcpServer } from "../support/mcp-server";
import { waitForRun } from "../support/runs";

/* A pushed project's skills, declared tools and sandboxes at run time, with the local model. */

let user: TestUser;
let driver: Driver;
let server: http.Server;
let base = "";
let mcp: TestMcpServer;
const hits: { url: string; method: string; body: string; type: string | undefined }[] = [];

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS = "1";
  delete process.env.DAYTONA_API_KEY;
  resetEnv();
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      hits.push({ url: req.url ?? "", method: req.method ?? "", body, type: req.headers["content-type"] });
      res.end(`flag set: ${req.url}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mcp = await startMcpServer();
  user = await makeUser("project-runtime");
  await db.mcpServer.create({ data: { workspaceId: user.workspaceId, name: "calc", url: mcp.url } });
  // A declared HTTP tool reaches only hosts on the workspace's allowlist, as http_request does.
  await db.workspace.update({ where: { id: user.workspaceId }, data: { httpAllowlist: ["127.0.0.1"] } });
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
  await mcp.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  delete process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS;
  resetEnv();
});

const SKILL = `---
name: code-review
description: Review a change for correctness and tests.
---

Read the whole diff. Pass only what is tested.
`;
const CHECKLIST = "- A retry without a cap.\n";

function project(): ProjectFiles {
  return {
    "registry.yml": `agents:
  Reviewer: { skills: [code-review], tools: [add, set_flag], harness: { runtime: claude-code } }
  Builder: { sandbox: default }
tools:
  add: { mcp: calc/add }
  set_flag:
    description: Turn a feature flag on or off.
    http:
      method: POST
      url: ${base}/flags/{{ flag }}
      headers: { Content-Type: application/json }
      body: '{ "on": {{ on }}, "note": "{{ note }}" }'
      params: { flag: str, on: bool, note: str }
sandboxes:
  default: { provider: daytona, image: { debian_slim: "3.12", apt: [git] }, network: [github.com] }
`,
    "skills/code-review/SKILL.md": SKILL,
    "skills/code-review/checklist.md": CHECKLIST,
    "workflows/review/check.md": `---
agent: Reviewer
output:
  verdict: enum[pass, fail]
---

Review {{ input }}. [[simulate:tool:load_skill:{"name":"code-review"}]] [[simulate:tool:load_skill:{"name":"code-review","file":"checklist.md"}]] [[simulate:tool:add:{"a":2,"b":3}]] [[simulate:tool:calc__add:{"a":4,"b":5}]] [[simulate:tool:set_flag:{"flag":"dark mode","on":true,"note":"say \\"hi\\""}]]
`,
    "workflows/build/make.md": `---
agent: Builder
---

Build {{ input }}.
`,
  };
}

const push = (u: TestUser, files: ProjectFiles) =>
  call(importRoute, apiRequest("POST", "/api/v1/projects/import", { token: u.token }, { files }));

async function runWorkflow(name: string, input: string) {
  const wf = await db.workflow.findFirstOrThrow({ where: { workspaceId: user.workspaceId, name } });
  const res = await call(
    startRunRoute,
    apiRequest("POST", `/api/v1/workflows/${wf.id}/runs`, { token: user.token }, { input }),
    { id: wf.id },
  );
  expect(res.status).toBe(202);
  return waitForRun(res.body.id, 30_000);
}

describe("a pushed project at run time", () => {
  it("pushes with its declared tools; skills come back from export byte for byte", async () => {
    const res = await push(user, project());
    expect(res.status).toBe(200);
    expect(res.body.skills).toEqual(["code-review"]);
    // The sandbox has no provider here: the push says so, and still succeeds.
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        file: "registry.yml",
        line: 2,
        message: expect.stringMatching(/agents Reviewer run as Anthropic models/),
      }),
      expect.objectContaining({
        file: "registry.yml",
        line: 15,
        message: expect.stringMatching(/agents Builder need it/),
      }),
    ]);
    const pulled = await call(exportRoute, apiRequest("GET", "/api/v1/projects/export", { token: user.token }));
    expect(pulled.body.files["skills/code-review/SKILL.md"]).toBe(SKILL);
    expect(pulled.body.files["skills/code-review/checklist.md"]).toBe(CHECKLIST);
    expect(pulled.body.files).toEqual(project());
  });

  it("a node with skills gets their names and descriptions with load_skill, which returns the body or a file", async () => {
    const done = await runWorkflow("review", "PR 7");
    expect(done.status).toBe("completed");
    const calls = await db.toolCall.findMany({ where: { stepId: done.steps[0]!.id }, orderBy: { index: "asc" } });
    expect(calls.map((c) => [c.name, c.error])).toEqual([
      ["load_skill", null],
      ["load_skill", null],
      ["calc__add", null],
      ["set_flag", null],
    ]);
    expect(calls[0]!.result).toBe("Read the whole diff. Pass only what is tested.");
    expect(calls[1]!.result).toBe(CHECKLIST);
    // The declared MCP tool is the server's one tool, under the server's name for it.
    expect(calls[2]!.result).toBe("9");
    // The model sees the skills' names and descriptions in load_skill, and only the MCP server's declared tool.
    const specs = await toolSpecsFor(scopeFor(user.workspaceId), ["add", "set_flag", "load_skill"], done.id, [
      "code-review",
    ]);
    expect(specs.map((t) => t.name)).toEqual(["calc__add", "set_flag", "load_skill"]);
    expect(specs[2]!.description).toContain("- code-review: Review a change for correctness and tests.");
    expect(specs[1]!.inputSchema).toEqual({
      type: "object",
      properties: { flag: { type: "string" }, on: { type: "boolean" }, note: { type: "string" } },
      required: expect.arrayContaining(["flag", "on", "note"]),
    });
    // The declared HTTP tool: its URL, headers and body filled from the model's input.
    expect(hits).toEqual([
      {
        url: "/flags/dark%20mode",
        method: "POST",
        body: '{ "on": true, "note": "say \\"hi\\"" }',
        type: "application/json",
      },
    ]);
    // The run says which skills the step had, and how its claude-code runtime ran.
    const shown = await call(getRunRoute, apiRequest("GET", `/api/v1/runs/${done.id}`, { token: user.token }), {
      id: done.id,
    });
    expect(shown.body.steps[0].agent).toEqual({
      skills: ["code-review"],
      sandbox: null,
      runtime: "claude-code",
      ranAs:
        "claude-code runs only inside a sandbox, and no sandbox provider is configured: ran as claude-sonnet-4-6 (Anthropic) with the agent's tools",
    });
    // Typed output after tool turns.
    expect(done.steps[0]!.data).toEqual({ verdict: expect.stringMatching(/^(pass|fail)$/) });
  });

  it("a run whose agent needs a sandbox fails before any model is called when no provider is configured", async () => {
    const done = await runWorkflow("build", "the site");
    expect(done.status).toBe("failed");
    expect(done.error).toBe(
      'Agents Builder need sandbox "default", and no daytona sandbox provider is configured (add a daytona credential to the workspace, or set DAYTONA_API_KEY on the server)',
    );
    expect(done.steps).toEqual([]);
    expect(done.inputTokens).toBe(0);
  });

  it("a changed skill makes a new version of the workflows that use it, and only those", async () => {
    const before = await db.workflow.findMany({
      where: { workspaceId: user.workspaceId },
      select: { name: true, currentVersion: true },
    });
    const files = project();
    files["skills/code-review/checklist.md"] = "- A secret in a log.\n";
    const res = await push(user, files);
    expect(res.status).toBe(200);
    const status = Object.fromEntries(
      res.body.workflows.map((w: { name: string; status: string }) => [w.name, w.status]),
    );
    expect(status).toEqual({ build: "unchanged", review: "updated" });
    const after = await db.workflow.findFirstOrThrow({ where: { workspaceId: user.workspaceId, name: "review" } });
    expect(after.currentVersion).toBe(before.find((w) => w.name === "review")!.currentVersion + 1);
  });
});

describe("a pushed workflow edited in the dashboard", () => {
  it("keeps the tools and skills its nodes use from the project", async () => {
    const wf = await db.workflow.findFirstOrThrow({ where: { workspaceId: user.workspaceId, name: "review" } });
    const before = await db.workflowVersion.findFirstOrThrow({
      where: { workflowId: wf.id, version: wf.currentVersion },
    });
    const graph = storedGraph(before.graph)!;
    graph.nodes[0]!.systemPrompt = "Review {{ input }} once more.";
    const put = await call(
      putGraph,
      apiRequest("PUT", `/api/v1/workflows/${wf.id}/graph`, { token: user.token }, { graph }),
      { id: wf.id },
    );
    expect(put.status).toBe(200);
    const after = await db.workflowVersion.findFirstOrThrow({
      where: { workflowId: wf.id, version: wf.currentVersion + 1 },
    });
    expect(storedGraph(after.graph)!.nodes[0]).toMatchObject({ skills: ["code-review"], tools: ["add", "set_flag"] });
    expect(after.context).toEqual(before.context);
  });
});

describe("push refuses", () => {
  it("a tool the registry does not declare, at its line, until it is declared", async () => {
    const other = await makeUser("project-runtime-undeclared");
    const files = project();
    files["registry.yml"] = files["registry.yml"]!.replace("tools: [add, set_flag]", "tools: [add, set_flag, open_pr]");
    const res = await push(other, files);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        file: "registry.yml",
        line: 2,
        message: expect.stringMatching(/"open_pr" is not declared/),
      }),
    ]);
    expect(await db.workflow.count({ where: { workspaceId: other.workspaceId } })).toBe(0);
  });

  it("a declared MCP tool whose server the workspace has not registered, at the tool's line", async () => {
    const other = await makeUser("project-runtime-mcp");
    const res = await push(other, project());
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        file: "registry.yml",
        line: 5,
        message: expect.stringMatching(/tools\.add: No MCP server named calc/),
      }),
    ]);
  });

  it("a skill past its size cap", async () => {
    const other = await makeUser("project-runtime-cap");
    const files = project();
    for (let i = 0; i < 5; i++) files[`skills/code-review/ref-${i}.md`] = "x".repeat(45_000);
    const res = await push(other, files);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/skills\/code-review\/SKILL\.md:1: Skill "code-review" has \d+ characters/);
  });
});
