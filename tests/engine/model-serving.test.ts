import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Driver } from "@/lib/engine/driver";
import { messageReply, startFakeAnthropic, type FakeAnthropic } from "../support/anthropic-server";
import { makeRun, makeWorkspace, waitForRun } from "../support/runs";

let server: FakeAnthropic;
let driver: Driver;
let workspaceId: string;
let requestRun: (runId: string) => Promise<unknown>;

const TIMEOUT_MS = 300;

beforeAll(async () => {
  server = await startFakeAnthropic();
  // A key and no MODEL_PROVIDER: each model goes to whichever provider serves it.
  // Set before anything reads the environment; engine modules are imported after.
  vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test");
  vi.stubEnv("ANTHROPIC_BASE_URL", server.url);
  vi.stubEnv("MODEL_RETRY_BASE_MS", "1");
  vi.stubEnv("MODEL_MAX_RETRIES", "1");
  vi.stubEnv("MODEL_TIMEOUT_MS", String(TIMEOUT_MS));
  const { startDriver } = await import("@/lib/engine/driver");
  const { sendEvent } = await import("@/lib/engine/send-event");
  const { runCrew } = await import("@/inngest/functions/run-crew");
  workspaceId = (await makeWorkspace("pro")).id;
  driver = await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } });
  requestRun = (runId) => sendEvent({ name: "run/requested", data: { runId, workspaceId } });
});

afterAll(async () => {
  await driver.stop();
  await server.close();
  vi.unstubAllEnvs();
});

describe("runs with ANTHROPIC_API_KEY set", () => {
  it("fails a step whose model no provider serves, with the reason and no simulated answer", async () => {
    // Saved before the key was set: the crew names a model Anthropic does not serve.
    const crew = [
      { role: "planner", systemPrompt: "Plan.", model: "gpt-4o" },
      { role: "writer", systemPrompt: "Write." },
    ];
    const { run } = await makeRun({ workspaceId, crew });
    server.requests.length = 0;
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(done.status).toBe("failed");
    expect(server.requests).toHaveLength(0);
    const step = done.steps[0]!;
    expect(step.status).toBe("failed");
    expect(step.output).toBeNull();
    expect(step.outputTokens).toBe(0);
    expect(step.error).toBe(
      "No configured model provider serves gpt-4o; available: claude-* models through Anthropic (such as claude-sonnet-4-6, claude-opus-4-7, claude-haiku-4-5)",
    );
    expect(done.error).toBe(`Step 1 of 2 (planner) failed: ${step.error}`);
    expect(done.steps[1]!.status).not.toBe("completed");
  });

  it("times a slow model call out at MODEL_TIMEOUT_MS, retries it, then fails the step naming the timeout", async () => {
    const crew = [{ role: "planner", systemPrompt: "Plan." }];
    const { run } = await makeRun({ workspaceId, crew });
    server.requests.length = 0;
    const slow = { ...messageReply("too late"), delayMs: 10_000 };
    server.enqueue(slow, slow);
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(server.requests).toHaveLength(2);
    expect(done.status).toBe("failed");
    expect(done.steps[0]).toMatchObject({
      status: "failed",
      attempts: 2,
      output: null,
      error: `The model did not answer within ${TIMEOUT_MS} ms (MODEL_TIMEOUT_MS)`,
    });
    expect(done.error).toBe(
      `Step 1 of 1 (planner) failed: The model did not answer within ${TIMEOUT_MS} ms (MODEL_TIMEOUT_MS)`,
    );
  });

  it("sends a [[simulate:slow]] prompt to Anthropic as it is, never waiting on it", async () => {
    const crew = [{ role: "planner", systemPrompt: "[[simulate:slow:600000]] [[simulate:error]] Plan." }];
    const { run } = await makeRun({ workspaceId, crew });
    server.requests.length = 0;
    server.enqueue(messageReply("1. Boil water"));
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(done.status).toBe("completed");
    expect(done.output).toBe("1. Boil water");
    expect(server.requests[0]!.body.system).toContain("[[simulate:slow:600000]] [[simulate:error]] Plan.");
  });
});
