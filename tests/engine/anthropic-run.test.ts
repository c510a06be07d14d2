import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Driver } from "@/lib/engine/driver";
import { errorReply, messageReply, startFakeAnthropic, type FakeAnthropic } from "../support/anthropic-server";
import { makeRun, makeWorkspace, waitForRun } from "../support/runs";

let server: FakeAnthropic;
let driver: Driver;
let workspaceId: string;
let requestRun: (runId: string) => Promise<unknown>;

beforeAll(async () => {
  server = await startFakeAnthropic();
  // Set before anything reads the environment; engine modules are imported after.
  vi.stubEnv("MODEL_PROVIDER", "anthropic");
  vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test");
  vi.stubEnv("ANTHROPIC_BASE_URL", server.url);
  vi.stubEnv("MODEL_RETRY_BASE_MS", "1");
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

const crew = [
  { role: "planner", systemPrompt: "Plan." },
  { role: "writer", systemPrompt: "Write." },
];

describe("a run against the Anthropic Messages API", () => {
  it("records the API's text and usage, retrying a 429", async () => {
    const { run } = await makeRun({ workspaceId, crew, input: "Tea guide" });
    server.requests.length = 0;
    server.enqueue(
      messageReply("1. Boil water\n2. Steep", { input_tokens: 40, output_tokens: 9 }),
      errorReply(429, "rate_limit_error", "Rate limited"),
      messageReply("# Tea guide", { input_tokens: 70, output_tokens: 5 }),
    );
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(done.status).toBe("completed");
    expect(server.requests).toHaveLength(3);
    expect(done.steps[0]).toMatchObject({
      output: "1. Boil water\n2. Steep",
      inputTokens: 40,
      outputTokens: 9,
      attempts: 1,
    });
    expect(done.steps[1]).toMatchObject({ output: "# Tea guide", inputTokens: 70, outputTokens: 5, attempts: 2 });
    expect(server.requests[2]!.body.messages[0]!.content).toContain("## Output of step 1 (planner)\n1. Boil water");
    // claude-sonnet-4-6: $3 / $15 per million tokens.
    expect(Number(done.costUsd)).toBeCloseTo((110 * 3 + 14 * 15) / 1e6, 6);
    expect(done.output).toBe("# Tea guide");
  });

  it("fails the step with the API's message on a 400", async () => {
    const { run } = await makeRun({ workspaceId, crew });
    server.requests.length = 0;
    server.enqueue(
      messageReply("a plan"),
      errorReply(400, "invalid_request_error", "messages: text content blocks must be non-empty"),
    );
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(server.requests).toHaveLength(2);
    expect(done.status).toBe("failed");
    expect(done.steps[1]!.status).toBe("failed");
    expect(done.steps[1]!.error).toBe("Anthropic API 400: messages: text content blocks must be non-empty");
    expect(done.error).toBe(
      "Step 2 of 2 (writer) failed: Anthropic API 400: messages: text content blocks must be non-empty",
    );
  });
});
