import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Driver } from "@/lib/engine/driver";
import { messageReply, startFakeAnthropic, type FakeAnthropic } from "../support/anthropic-server";
import type { Handler } from "../support/factory";

let server: FakeAnthropic;
let driver: Driver;
let factory: typeof import("../support/factory");
let user: Awaited<ReturnType<(typeof import("../support/factory"))["makeUser"]>>;
let routes: { getRun: Handler; stepInput: Handler; createRun: Handler; createWorkflow: Handler };
let db: (typeof import("@/lib/db/client"))["db"];

const AGENTS = 4;
const INPUT = `Review this spec. ${"The service stores uploads for thirty days. ".repeat(45)}`;
const reply = (i: number) => `Agent ${i + 1} says: ${"a finding worth keeping; ".repeat(80)}`;

beforeAll(async () => {
  server = await startFakeAnthropic();
  // Set before anything reads the environment; the app's modules are imported after.
  vi.stubEnv("MODEL_PROVIDER", "anthropic");
  vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test");
  vi.stubEnv("ANTHROPIC_BASE_URL", server.url);
  factory = await import("../support/factory");
  ({ db } = await import("@/lib/db/client"));
  const { startDriver } = await import("@/lib/engine/driver");
  const { runCrew } = await import("@/inngest/functions/run-crew");
  routes = {
    getRun: (await import("@/app/api/v1/runs/[id]/route")).GET,
    stepInput: (await import("@/app/api/v1/runs/[id]/steps/[stepId]/input/route")).GET,
    createRun: (await import("@/app/api/v1/workflows/[id]/runs/route")).POST,
    createWorkflow: (await import("@/app/api/v1/workflows/route")).POST,
  };
  user = await factory.makeUser("inputs");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
  await server.close();
  vi.unstubAllEnvs();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  factory.apiRequest("GET", path, { token: user.token }, undefined, headers);

async function finishedRun(): Promise<string> {
  const wf = await factory.call(
    routes.createWorkflow,
    factory.apiRequest(
      "POST",
      "/api/v1/workflows",
      { token: user.token },
      {
        name: "Four readers",
        model: "claude-sonnet-4-6",
        crew: Array.from({ length: AGENTS }, (_, i) => ({
          role: `reader${i + 1}`,
          systemPrompt: `Read it, ${i + 1}.`,
        })),
      },
    ),
  );
  expect(wf.status).toBe(201);
  server.requests.length = 0;
  server.enqueue(...Array.from({ length: AGENTS }, (_, i) => messageReply(reply(i))));
  const queued = await factory.call(
    routes.createRun,
    factory.apiRequest("POST", `/api/v1/workflows/${wf.body.id}/runs`, { token: user.token }, { input: INPUT }),
    { id: wf.body.id },
  );
  expect(queued.status).toBe(202);
  const runId = queued.body.id as string;
  for (let i = 0; i < 400; i++) {
    const res = await factory.call(routes.getRun, get(`/api/v1/runs/${runId}`), { id: runId });
    if (res.body.status === "completed") return runId;
    expect(res.body.status).not.toBe("failed");
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("run did not finish");
}

describe("step inputs", () => {
  let runId: string;

  beforeAll(async () => {
    runId = await finishedRun();
  });

  it("returns with ?include=inputs exactly what the model provider received for each step", async () => {
    const res = await factory.call(routes.getRun, get(`/api/v1/runs/${runId}?include=inputs`), { id: runId });
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(AGENTS);
    res.body.steps.forEach((step: { input: unknown }, i: number) => {
      const sent = server.requests[i]!.body;
      expect(step.input).toEqual({ system: sent.system, messages: sent.messages });
    });
    expect(server.requests[3]!.body.messages[0]!.content).toContain(`## Output of step 3 (reader3)\n${reply(2)}`);
  });

  it("carries only the input's size without include, so the run grows linearly with its steps", async () => {
    const res = await factory.call(routes.getRun, get(`/api/v1/runs/${runId}`), { id: runId });
    const full = await factory.call(routes.getRun, get(`/api/v1/runs/${runId}?include=inputs`), { id: runId });
    for (const [i, step] of (res.body.steps as { inputSize: number }[]).entries()) {
      expect("input" in step).toBe(false);
      const input = full.body.steps[i].input as { system: string; messages: { content: string }[] };
      expect(step.inputSize).toBe(input.system.length + input.messages[0]!.content.length);
    }
    const bytes = Buffer.byteLength(JSON.stringify(res.body));
    const content = INPUT.length + Array.from({ length: AGENTS }, (_, i) => reply(i).length).reduce((a, b) => a + b);
    expect(bytes).toBeLessThanOrEqual(1.5 * content + 1024 * AGENTS);
    // What is stored holds no copy of an earlier output.
    const stored = await db.step.findMany({ where: { runId }, select: { input: true } });
    for (const s of stored) expect(JSON.stringify(s.input)).not.toContain("a finding worth keeping");
  });

  it("serves one step's input on its own route, with an ETag and 304", async () => {
    const full = await factory.call(routes.getRun, get(`/api/v1/runs/${runId}?include=inputs`), { id: runId });
    const step = full.body.steps[2] as { id: string; input: unknown };
    const params = { id: runId, stepId: step.id };
    const res = await factory.call(routes.stepInput, get(`/api/v1/runs/${runId}/steps/${step.id}/input`), params);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: step.id, index: 2, input: step.input });
    const etag = res.headers.get("etag")!;
    const again = await factory.call(
      routes.stepInput,
      get(`/api/v1/runs/${runId}/steps/${step.id}/input`, { "if-none-match": etag }),
      params,
    );
    expect(again.status).toBe(304);
    const missing = await factory.call(routes.stepInput, get(`/api/v1/runs/${runId}/steps/nope/input`), {
      id: runId,
      stepId: "nope",
    });
    expect(missing.status).toBe(404);
  });

  it("reads a step stored before recipes (its full input) as it was stored", async () => {
    const legacy = {
      system: "Old prompt",
      messages: [{ role: "user", content: "## Input\nold\n\n## Output of step 1" }],
    };
    await db.step.updateMany({ where: { runId, index: 1 }, data: { input: legacy } });
    const full = await factory.call(routes.getRun, get(`/api/v1/runs/${runId}?include=inputs`), { id: runId });
    expect(full.body.steps[1].input).toEqual(legacy);
    const res = await factory.call(routes.getRun, get(`/api/v1/runs/${runId}`), { id: runId });
    expect(res.body.steps[1].inputSize).toBe(legacy.system.length + legacy.messages[0]!.content.length);
  });
});
