import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Driver } from "@/lib/engine/driver";
import { db } from "@/lib/db/client";
import { createOk, runToEnd } from "../graph/helpers";
import { makeUser, type TestUser } from "../support/factory";
import {
  chatError,
  chatReply,
  chatToolReply,
  startFakeOpenAI,
  type FakeOpenAI,
  type ScriptedReply,
} from "../support/openai-server";
import { makeRun, makeWorkspace, waitForRun } from "../support/runs";

let server: FakeOpenAI;
let user: TestUser;
let workspaceId: string;
const drivers: Driver[] = [];
let requestRun: (runId: string) => Promise<unknown>;

beforeAll(async () => {
  server = await startFakeOpenAI();
  // Set before anything reads the environment; engine modules are imported after.
  vi.stubEnv("MODEL_PROVIDER", undefined);
  vi.stubEnv("ANTHROPIC_API_KEY", undefined);
  vi.stubEnv("OPENAI_API_KEY", "sk-openai-test");
  vi.stubEnv("OPENAI_BASE_URL", server.url);
  vi.stubEnv("MODEL_RETRY_BASE_MS", "1");
  const { startDriver } = await import("@/lib/engine/driver");
  const { sendEvent } = await import("@/lib/engine/send-event");
  const { runCrew } = await import("@/inngest/functions/run-crew");
  workspaceId = (await makeWorkspace("pro")).id;
  user = await makeUser("openai-metering");
  for (const id of [workspaceId, user.workspaceId]) {
    drivers.push(await startDriver({ functions: runCrew, workspaces: [id], config: { pollMs: 50 } }));
  }
  requestRun = (runId) => sendEvent({ name: "run/requested", data: { runId, workspaceId } });
});

afterAll(async () => {
  for (const d of drivers) await d.stop();
  await server.close();
  vi.unstubAllEnvs();
});

/** gpt-4o: $2.5 / $10 per million tokens, to the micro-dollar as costs are kept. */
const gpt4oUsd = (input: number, output: number) => Math.round(input * 2.5 + output * 10) / 1e6;

/** A tool call the model makes; example.com is on no allowlist, so it is refused without a connection. */
const lookup = (path: string, usage: { prompt_tokens: number; completion_tokens: number }) =>
  chatToolReply("http_request", { url: `http://example.com/${path}` }, usage);

async function toolStep() {
  const crew = [{ role: "researcher", systemPrompt: "Look it up.", tools: ["http_request"] }];
  const { run } = await makeRun({ workspaceId, crew, model: "gpt-4o", input: "Tea" });
  server.requests.length = 0;
  return run;
}

describe("metering of calls that end in a failure (OpenAI API)", () => {
  it("counts the tool turns of a step whose next call fails with an HTTP error, and the attempts made", async () => {
    const run = await toolStep();
    server.enqueue(
      lookup("a", { prompt_tokens: 20, completion_tokens: 9 }),
      lookup("b", { prompt_tokens: 30, completion_tokens: 8 }),
      chatError(400, "Invalid request: the context is too long"),
    );
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(done.status).toBe("failed");
    expect(server.requests).toHaveLength(3);
    const step = done.steps[0]!;
    expect(step.error).toMatch(/the context is too long/);
    // The failed call answered nothing: the step keeps the two turns that did.
    expect(step).toMatchObject({ inputTokens: 50, outputTokens: 17, attempts: 3 });
    expect(Number(step.costUsd)).toBeCloseTo(gpt4oUsd(50, 17), 6);
    expect(done).toMatchObject({ inputTokens: 50, outputTokens: 17 });
    expect(Number(done.costUsd)).toBeCloseTo(gpt4oUsd(50, 17), 6);
    expect(done.usageEvent).toMatchObject({ steps: 1, inputTokens: 50, outputTokens: 17 });
  });

  it("counts a call whose tool arguments failed to parse", async () => {
    const run = await toolStep();
    const garbled = lookup("b", { prompt_tokens: 30, completion_tokens: 12 });
    const body = garbled.body as { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] };
    body.choices[0]!.message.tool_calls[0]!.function.arguments = '{"url": "http://exa';
    server.enqueue(lookup("a", { prompt_tokens: 20, completion_tokens: 9 }), garbled satisfies ScriptedReply);
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(done.status).toBe("failed");
    expect(done.steps[0]!.error).toMatch(/arguments that are not JSON/);
    expect(done.steps[0]).toMatchObject({ inputTokens: 50, outputTokens: 21, attempts: 2 });
    expect(done.usageEvent).toMatchObject({ steps: 1, inputTokens: 50, outputTokens: 21 });
  });

  it("counts the answered calls of a typed output that failed after a transient error and its repair", async () => {
    const workflowId = await createOk(user, {
      name: "Typed triage",
      model: "gpt-4o",
      graph: {
        start: "classify",
        nodes: [{ id: "classify", role: "classifier", systemPrompt: "Classify.", output: { severity: "str" } }],
        edges: [{ from: "classify", to: "END" }],
      },
    });
    server.requests.length = 0;
    server.enqueue(
      chatError(503, "The server is overloaded"),
      chatReply("high, I think", { prompt_tokens: 40, completion_tokens: 6 }),
      chatReply("still high", { prompt_tokens: 55, completion_tokens: 7 }),
    );
    const run = await runToEnd(user, workflowId, "The site is down");

    expect(run.status).toBe("failed");
    expect(server.requests).toHaveLength(3);
    const step = run.steps[0];
    expect(step.error).toMatch(/^Typed output the answer is not a JSON object \(after one repair attempt\)$/);
    // The 503 answered nothing; the first answer and its repair did.
    expect(step).toMatchObject({ status: "failed", inputTokens: 95, outputTokens: 13, attempts: 3 });
    expect(step.costUsd).toBeCloseTo(gpt4oUsd(95, 13), 6);
    expect(run).toMatchObject({ inputTokens: 95, outputTokens: 13 });
    expect(run.totals).toMatchObject({ billedSteps: 1 });
    const usage = await db.usageEvent.findUniqueOrThrow({ where: { runId: run.id } });
    expect(usage).toMatchObject({ steps: 1, inputTokens: 95, outputTokens: 13 });
  });
});
