import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { db } from "@/lib/db/client";
import type { Driver } from "@/lib/engine/driver";
import { runChangeFeed } from "@/lib/runs/run-change-feed";
import { errorReply, messageReply, startFakeAnthropic, type FakeAnthropic } from "../support/anthropic-server";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { createOk } from "../graph/helpers";
import { waitFor } from "../support/runs";

let server: FakeAnthropic;
let driver: Driver;
let user: TestUser;

beforeAll(async () => {
  server = await startFakeAnthropic();
  // Set before anything reads the environment; engine modules are imported after.
  vi.stubEnv("MODEL_PROVIDER", "anthropic");
  vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test");
  vi.stubEnv("ANTHROPIC_BASE_URL", server.url);
  vi.stubEnv("MODEL_RETRY_BASE_MS", "1");
  const { startDriver } = await import("@/lib/engine/driver");
  const { runCrew } = await import("@/inngest/functions/run-crew");
  user = await makeUser("rate-limit");
  driver = await startDriver({ functions: runCrew, workspaces: [user.workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
  await server.close();
  vi.unstubAllEnvs();
});

const read = async (id: string) =>
  (await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: user.token }), { id })).body;

async function start(workflowId: string) {
  const res = await call(
    createRun,
    apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: user.token }, { input: "Tea" }),
    { id: workflowId },
  );
  expect(res.status).toBe(202);
  return res.body.id as string;
}

describe("a run waiting for its model provider", () => {
  it("says it waits for the provider's rate limit until the Retry-After, then goes on; another error is a retry", async () => {
    const workflowId = await createOk(user, {
      name: "Rate limited",
      model: "claude-sonnet-4-6",
      crew: [
        { role: "planner", systemPrompt: "Plan." },
        { role: "writer", systemPrompt: "Write." },
      ],
    });
    server.enqueue(
      errorReply(429, "rate_limit_error", "Number of requests has exceeded your rate limit", { "retry-after": "4" }),
      messageReply("1. Boil water"),
      errorReply(529, "overloaded_error", "Overloaded", { "retry-after": "4" }),
      messageReply("# Tea"),
    );
    const id = await start(workflowId);
    // What a browser following the run's event stream is told, from the process's change feed.
    const streamed: string[] = [];
    const unsubscribe = runChangeFeed().subscribe(user.workspaceId, id, {
      onRun: (run) => void streamed.push(run.waitingFor?.reason ?? "none"),
      onError: () => undefined,
    });

    const limited = await waitFor(async () => {
      const run = await read(id);
      return run.waitingFor?.reason === "rate_limit" ? run : null;
    });
    const until = limited.waitingFor.until as string;
    expect(limited.status).toBe("running");
    expect(limited.waitingFor).toEqual({
      reason: "rate_limit",
      message: `Step 1 (planner) waits for anthropic's rate limit: its model call is made again at ${until}.`,
      until,
      position: null,
      provider: "anthropic",
    });
    // Retry-After: 4 seconds from the refusal.
    const refused = await db.step.findFirstOrThrow({ where: { runId: id, index: 0 }, select: { retryAt: true } });
    expect(refused.retryAt!.toISOString()).toBe(until);

    // An overloaded provider (529) is a retry of the step's model call, not a rate limit.
    const retrying = await waitFor(async () => {
      const run = await read(id);
      return run.waitingFor?.reason === "retry" ? run : null;
    });
    expect(retrying.waitingFor).toMatchObject({
      reason: "retry",
      message: expect.stringMatching(/^Step 2 \(writer\): its model call failed \(HTTP 529\) and is made again at /),
      provider: "anthropic",
    });

    const done = await waitFor(async () => {
      const run = await read(id);
      return run.status === "completed" ? run : null;
    });
    expect(done.waitingFor).toBeNull();
    unsubscribe();
    expect(streamed).toContain("rate_limit");
    expect(streamed).toContain("retry");
    expect(done.steps.map((s: { attempts: number }) => s.attempts)).toEqual([2, 2]);
    // The notes are gone once each call answered.
    expect(
      await db.step.count({ where: { runId: id, OR: [{ retryAt: { not: null } }, { retryStatus: { not: null } }] } }),
    ).toBe(0);
  }, 60_000);
});
