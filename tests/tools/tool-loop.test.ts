import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { createCredential } from "@/lib/credentials/create-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { resetEnv } from "@/lib/env";
import { GET as getRunRoute } from "@/app/api/v1/runs/[id]/route";
import { GET as getToolCalls } from "@/app/api/v1/runs/[id]/steps/[stepId]/tool-calls/route";
import { apiRequest, call, makeUser } from "../support/factory";
import { startMcpServer, type TestMcpServer } from "../support/mcp-server";
import { makeRun, makeWorkspace, waitFor, waitForRun } from "../support/runs";

let server: http.Server;
let base = "";
const hits: string[] = [];
/** The Authorization header of each request to /whoami, as the server received it. */
const authorizations: (string | undefined)[] = [];
let mcp: TestMcpServer;
const drivers: Driver[] = [];

beforeAll(async () => {
  // The tools' local servers listen on 127.0.0.1: the operator's switch for local endpoints.
  process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS = "1";
  resetEnv();
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/whoami") {
      authorizations.push(req.headers.authorization);
      res.end(`auth=${req.headers.authorization ?? "none"}`);
    } else if (req.url?.startsWith("/slow")) setTimeout(() => res.end("slow answer"), 3_000);
    else res.end(`answer for ${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mcp = await startMcpServer();
});

afterAll(async () => {
  for (const d of drivers) await d.stop();
  await mcp.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  delete process.env.ALLOW_PRIVATE_TOOL_ENDPOINTS;
  delete process.env.TOOL_MAX_CALLS;
  resetEnv();
});

async function toolWorkspace(id?: string) {
  const workspaceId = id ?? (await makeWorkspace("pro")).id;
  await db.workspace.update({ where: { id: workspaceId }, data: { httpAllowlist: ["127.0.0.1"] } });
  await db.mcpServer.create({ data: { workspaceId, name: "calc", url: mcp.url } });
  return workspaceId;
}

const httpTool = (path: string) => `[[simulate:tool:http_request:{"url":"${base}${path}"}]]`;

async function runOne(workspaceId: string, agent: { systemPrompt: string; tools: string[]; credentials?: string[] }) {
  const { run } = await makeRun({ workspaceId, crew: [{ role: "researcher", ...agent }] });
  await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId } });
  const done = await waitForRun(run.id, 30_000);
  const calls = await db.toolCall.findMany({ where: { stepId: done.steps[0]!.id }, orderBy: { index: "asc" } });
  return { done, calls };
}

describe("tool use inside a step", () => {
  it("calls http_request and an MCP tool in a loop, records each call and answers with the results", async () => {
    const workspaceId = await toolWorkspace();
    drivers.push(await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } }));
    const { done, calls } = await runOne(workspaceId, {
      systemPrompt: `Look things up. ${httpTool("/facts")} [[simulate:tool:calc__add:{"a":2,"b":3}]]`,
      tools: ["http_request", "mcp:calc"],
    });
    expect(done.status).toBe("completed");
    expect(calls.map((c) => [c.index, c.name, c.error])).toEqual([
      [1, "http_request", null],
      [2, "calc__add", null],
    ]);
    expect(calls[0]!.arguments).toEqual({ url: `${base}/facts` });
    expect(JSON.parse(calls[0]!.result!)).toMatchObject({ status: 200, body: "answer for /facts" });
    expect(calls[1]!.result).toBe("5");
    expect(hits.filter((h) => h === "/facts")).toHaveLength(1);
    expect(mcp.calls).toEqual([{ name: "add", args: { a: 2, b: 3 }, authorization: undefined }]);
    // The answer came after both results (the simulator quotes them).
    expect(done.steps[0]!.output).toContain("answer for /facts");
    expect(done.steps[0]!.output).toContain("Tool result simtool_1_calc__add: 5");
    // Three model turns, none of them lost.
    expect(done.steps[0]!.interruptions).toBe(0);
  }, 60_000);

  it("records a refused call as an error the model sees, and stops a step past maxToolCalls", async () => {
    const workspaceId = await toolWorkspace();
    drivers.push(await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } }));
    const refused = await runOne(workspaceId, {
      systemPrompt: `[[simulate:tool:http_request:{"url":"http://example.com/x"}]]`,
      tools: ["http_request"],
    });
    expect(refused.done.status).toBe("completed");
    expect(refused.calls[0]!.error).toMatch(/not on the workspace's HTTP allowlist/);
    expect(refused.done.steps[0]!.output).toContain("not on the workspace's HTTP allowlist");

    process.env.TOOL_MAX_CALLS = "1";
    resetEnv();
    try {
      const capped = await runOne(workspaceId, {
        systemPrompt: `${httpTool("/one")} ${httpTool("/two")}`,
        tools: ["http_request"],
      });
      expect(capped.done.status).toBe("failed");
      expect(capped.done.steps[0]!.error).toMatch(/maxToolCalls \(1\)/);
      expect(capped.calls.map((c) => c.name)).toEqual(["http_request"]);
      expect(hits).not.toContain("/two");
    } finally {
      delete process.env.TOOL_MAX_CALLS;
      resetEnv();
    }
  }, 60_000);

  it("resumes after a crash between two tool calls without repeating the finished one", async () => {
    const workspaceId = await toolWorkspace();
    const { run } = await makeRun({
      workspaceId,
      crew: [
        { role: "researcher", systemPrompt: `${httpTool("/first")} ${httpTool("/slow")}`, tools: ["http_request"] },
      ],
    });
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/engine-child.ts"],
      {
        cwd: process.cwd(),
        env: {
          ...process.env,
          CALL_LOG: "/dev/null",
          WORKSPACE_ID: workspaceId,
          ENGINE_LEASE_MS: "1000",
          ALLOW_PRIVATE_TOOL_ENDPOINTS: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let childErr = "";
    child.stderr.on("data", (d: Buffer) => (childErr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, signal) => resolve(signal)));
    await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId } });
    // The first call is recorded and the second is in flight: kill the process.
    await waitFor(
      async () => hits.includes("/slow") && (await db.toolCall.count({ where: { step: { runId: run.id } } })) === 1,
      60_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; child stderr: ${childErr}`);
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    drivers.push(
      await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50, leaseMs: 1000 } }),
    );
    const done = await waitForRun(run.id, 60_000);
    expect(done.status).toBe("completed");
    // The finished call was not made again; the one in flight was.
    expect(hits.filter((h) => h === "/first")).toHaveLength(1);
    expect(hits.filter((h) => h === "/slow")).toHaveLength(2);
    const calls = await db.toolCall.findMany({ where: { stepId: done.steps[0]!.id }, orderBy: { index: "asc" } });
    expect(calls.map((c) => [c.index, c.error])).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(done.steps[0]!.output).toContain("slow answer");
    // The process died in a tool call, not a model call: no model call was lost.
    expect(done.steps[0]!.interruptions).toBe(0);
  }, 120_000);

  it("shows the calls in the run (results cut) and whole from the step's tool-calls endpoint; another workspace gets 404", async () => {
    const u = await makeUser("tool-transcript");
    const other = await makeUser("tool-transcript-o");
    const workspaceId = await toolWorkspace(u.workspaceId);
    drivers.push(await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } }));
    const { done } = await runOne(workspaceId, {
      systemPrompt: `[[simulate:tool:calc__echo:{"text":"${"z".repeat(2500)}"}]]`,
      tools: ["mcp:calc"],
    });
    expect(done.status).toBe("completed");
    const stepId = done.steps[0]!.id;
    const shown = await call(getRunRoute, apiRequest("GET", `/api/v1/runs/${done.id}`, { token: u.token }), {
      id: done.id,
    });
    expect(shown.status).toBe(200);
    const [tc] = shown.body.steps[0].toolCalls;
    expect(tc).toMatchObject({ index: 1, name: "calc__echo", resultSize: 2500, error: null });
    expect(tc.result).toHaveLength(2000);
    expect(tc.arguments).toEqual({ text: "z".repeat(2500) });
    const path = `/api/v1/runs/${done.id}/steps/${stepId}/tool-calls`;
    const whole = await call(getToolCalls, apiRequest("GET", path, { token: u.token }), { id: done.id, stepId });
    expect(whole.status).toBe(200);
    expect(whole.body.toolCalls[0].result).toBe("z".repeat(2500));
    const theirs = await call(getToolCalls, apiRequest("GET", path, { token: other.token }), { id: done.id, stepId });
    expect(theirs.status).toBe(404);
  }, 60_000);

  it("gates tools by the capabilities of the agent that started the run", async () => {
    const workspaceId = await toolWorkspace();
    drivers.push(await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } }));
    const agentRun = async (capabilities: string[]) => {
      const agent = await db.agent.create({
        data: {
          workspaceId,
          name: "Scout",
          role: "scout",
          goal: "Find facts",
          model: "claude-sonnet-4-6",
          capabilities,
        },
      });
      const { run } = await makeRun({
        workspaceId,
        crew: [{ role: "researcher", systemPrompt: httpTool("/gated"), tools: ["http_request"] }],
      });
      await db.run.update({ where: { id: run.id }, data: { agentId: agent.id } });
      await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId } });
      return waitForRun(run.id, 30_000);
    };
    const refused = await agentRun(["ai"]);
    expect(refused.status).toBe("failed");
    expect(refused.steps[0]!.error).toBe('Agent "Scout" lacks the api capability that http_request needs');
    expect(hits).not.toContain("/gated");
    const allowed = await agentRun(["ai", "api"]);
    expect(allowed.status).toBe("completed");
    expect(hits.filter((h) => h === "/gated")).toHaveLength(1);
  }, 60_000);

  it("runs another workflow as a tool and gets its output; workflows calling each other stop at the depth cap", async () => {
    const workspaceId = await toolWorkspace();
    drivers.push(await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } }));
    const helper = await makeRun({
      workspaceId,
      crew: [{ role: "helper", systemPrompt: "[[simulate:reply:child says hi]]" }],
    });
    const helperId = helper.workflow.id;
    const { done, calls } = await runOne(workspaceId, {
      systemPrompt: `[[simulate:tool:workflow_${helperId}:{"input":"hello"}]]`,
      tools: [`workflow:${helperId}`],
    });
    expect(done.status).toBe("completed");
    expect(calls.map((c) => [c.name, c.result, c.error])).toEqual([[`workflow_${helperId}`, "child says hi", null]]);
    const child = await db.run.findFirstOrThrow({ where: { idempotencyKey: { startsWith: `tool:${done.id}:` } } });
    expect(child).toMatchObject({ workflowId: helperId, input: "hello", status: "completed" });

    // A workflow that calls itself: the run, then three nested runs; the fourth call is refused.
    const loop = await db.workflow.create({ data: { workspaceId, name: "Loop", model: "claude-sonnet-4-6" } });
    await db.workflowVersion.create({
      data: {
        workspaceId,
        workflowId: loop.id,
        version: 1,
        crew: [
          {
            role: "looper",
            systemPrompt: `[[simulate:tool:workflow_${loop.id}:{"input":"again"}]]`,
            tools: [`workflow:${loop.id}`],
          },
        ],
      },
    });
    const { run } = await makeRun({ workspaceId, crew: [{ role: "starter", systemPrompt: "Start." }] });
    await db.run.update({
      where: { id: run.id },
      data: {
        workflowId: loop.id,
        workflowVersionId: (await db.workflowVersion.findFirstOrThrow({ where: { workflowId: loop.id } })).id,
      },
    });
    await db.step.updateMany({
      where: { runId: run.id },
      data: {
        input: { system: `[[simulate:tool:workflow_${loop.id}:{"input":"again"}]]`, from: [{ runInput: true }] },
      },
    });
    await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId } });
    const top = await waitForRun(run.id, 60_000);
    expect(top.status).toBe("completed");
    const runs = await db.run.findMany({ where: { workflowId: loop.id }, select: { id: true, status: true } });
    expect(runs).toHaveLength(4);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    const refused = await db.toolCall.findMany({ where: { workspaceId, error: { not: null } } });
    expect(refused.map((c) => c.error)).toEqual([
      "Workflows may call workflows at most 3 deep; this call would go deeper",
    ]);
  }, 120_000);

  it("sends a credential the agent lists as a bearer token, and only one it lists", async () => {
    const workspaceId = await toolWorkspace();
    drivers.push(await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } }));
    const secret = "tok_live_abcdefghijklmnop";
    const cred = await createCredential(
      scopeFor(workspaceId),
      { type: "system", id: null },
      {
        name: "api",
        kind: "http",
        secret,
        hosts: ["127.0.0.1"],
        createdById: null,
      },
    );
    const prompt = `[[simulate:tool:http_request:{"url":"${base}/whoami","credentialId":"${cred.id}"}]]`;
    const { done, calls } = await runOne(workspaceId, {
      systemPrompt: prompt,
      tools: ["http_request"],
      credentials: [cred.id],
    });
    expect(done.status).toBe("completed");
    expect(authorizations.at(-1)).toBe(`Bearer ${secret}`);
    // The host answered with the token: the recorded result, which members and the model read, does not hold it.
    expect(JSON.parse(calls[0]!.result!).body).toBe("auth=Bearer [credential]");
    expect(calls[0]!.result).not.toContain(secret);
    expect(JSON.stringify(calls[0]!.arguments)).not.toContain(secret);
    const unlisted = await runOne(workspaceId, { systemPrompt: prompt, tools: ["http_request"] });
    expect(unlisted.calls[0]!.error).toBe(`Credential ${cred.id} is not one this agent lists`);
  }, 60_000);
});
