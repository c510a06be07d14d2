import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getBilling } from "@/app/api/v1/billing/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { GET as getUsage } from "@/app/api/v1/usage/route";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { PLANS } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { resetEnv } from "@/lib/env";
import { executeStep } from "@/lib/execution/execute-step";
import { finishRun } from "@/lib/runs/finish-run";
import { runResponseSchema } from "@/lib/runs/response-schemas";
import { createOk } from "../graph/helpers";
import { makeUsageEvent } from "../support/billing";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";
import { makeRun, makeWorkspace, waitForRun } from "../support/runs";

const drivers: Driver[] = [];

beforeAll(() => {
  // Two tool calls per step: a step whose model asks for a third fails after three answered turns.
  process.env.TOOL_MAX_CALLS = "2";
  resetEnv();
});

afterAll(async () => {
  for (const d of drivers) await d.stop();
  delete process.env.TOOL_MAX_CALLS;
  resetEnv();
});

/** A tool call the local model makes; example.com is on no allowlist, so it is refused without a connection. */
const lookup = (path: string) => `[[simulate:tool:http_request:{"url":"http://example.com/${path}"}]]`;
const THREE_LOOKUPS = `Look it up. ${lookup("a")} ${lookup("b")} ${lookup("c")}`;

/** Agent 1 makes two tool calls, asks for a third and fails; agent 2 never runs. */
const FAILING_CREW = {
  name: "Looks up too much",
  model: "claude-sonnet-4-6",
  crew: [
    { role: "researcher", systemPrompt: THREE_LOOKUPS, tools: ["http_request"] },
    { role: "writer", systemPrompt: "Write it." },
  ],
};

async function driverFor(workspaceId: string) {
  drivers.push(await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } }));
}

function trigger(u: TestUser, workflowId: string, body: object = { input: "Tea" }) {
  return call(createRun, apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, body), {
    id: workflowId,
  });
}

/** Starts a run through the API and reads it, once finished, as the run page does. */
async function runToEnd(u: TestUser, workflowId: string, body?: object) {
  const res = await trigger(u, workflowId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.id as string;
  await waitForRun(id, 60_000);
  const shown = await call(getRun, apiRequest("GET", `/api/v1/runs/${id}`, { token: u.token }), { id });
  return runResponseSchema.parse(shown.body);
}

describe("every model call is metered", () => {
  it("a step that made tool turns and then failed keeps their tokens and cost, on the run and its usage event", async () => {
    const u = await makeUser("meter-fail");
    await driverFor(u.workspaceId);
    const workflowId = await createOk(u, FAILING_CREW);
    const run = await runToEnd(u, workflowId);

    expect(run.status).toBe("failed");
    const [failed, never] = run.steps;
    expect(failed!.status).toBe("failed");
    expect(failed!.error).toMatch(/maxToolCalls \(2\)/);
    expect(never!.status).toBe("cancelled");
    // Three answered turns: two that called tools, and the one that asked for too many.
    expect(failed!.inputTokens).toBeGreaterThan(0);
    expect(failed!.outputTokens).toBeGreaterThan(0);
    expect(failed!.costUsd).toBeGreaterThan(0);
    expect(run).toMatchObject({
      inputTokens: failed!.inputTokens,
      outputTokens: failed!.outputTokens,
      costUsd: failed!.costUsd,
    });
    expect(run.totals).toMatchObject({ completedSteps: 0, billedSteps: 1 });
    const events = await db.usageEvent.findMany({ where: { runId: run.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      steps: 1,
      inputTokens: failed!.inputTokens,
      outputTokens: failed!.outputTokens,
    });
    expect(Number(events[0]!.costUsd)).toBeCloseTo(failed!.costUsd, 6);
  }, 60_000);

  it("failing runs use up a Free workspace's allowance (then 402), and the billing page agrees with the run pages", async () => {
    const u = await makeUser("meter-free");
    await driverFor(u.workspaceId);
    const FREE = PLANS.free.monthlySteps;
    const seeded = await makeUsageEvent(u.workspaceId, { steps: FREE - 3 });
    const workflowId = await createOk(u, FAILING_CREW);

    // Each run reserves its two steps while it runs and bills the one that failed.
    const first = await runToEnd(u, workflowId);
    const second = await runToEnd(u, workflowId);
    for (const run of [first, second]) {
      expect(run.status).toBe("failed");
      expect(run.totals.billedSteps).toBe(1);
    }
    // FREE - 1 used: a two-step run no longer fits.
    const refused = await trigger(u, workflowId);
    expect(refused.status).toBe(402);
    expect(refused.body.error.details).toMatchObject({ allowance: FREE, used: FREE - 1, reserved: 0, requested: 2 });

    const billing = await call(getBilling, apiRequest("GET", "/api/v1/billing", { token: u.token }));
    expect(billing.status).toBe(200);
    expect(billing.body.usage.monthToDateSteps).toBe(
      seeded.steps + first.totals.billedSteps + second.totals.billedSteps,
    );
    const usage = await call(getUsage, apiRequest("GET", "/api/v1/usage", { token: u.token }));
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toMatchObject({
      steps: billing.body.usage.monthToDateSteps,
      runs: 3, // the seeded event is a run's too
      inputTokens: seeded.inputTokens + first.inputTokens + second.inputTokens,
      outputTokens: seeded.outputTokens + first.outputTokens + second.outputTokens,
    });
    expect(usage.body.totals.costUsd).toBeCloseTo(first.costUsd + second.costUsd, 6);
  }, 120_000);

  it("a spend budget is checked after each model turn: the turn that crosses it ends the run before its tools run", async () => {
    const u = await makeUser("meter-budget");
    await driverFor(u.workspaceId);
    const workflowId = await createOk(u, {
      name: "Budgeted lookups",
      model: "claude-sonnet-4-6",
      graph: {
        start: "look",
        nodes: [
          {
            id: "look",
            role: "researcher",
            systemPrompt: `Look it up. ${lookup("a")} ${lookup("b")}`,
            tools: ["http_request"],
          },
          { id: "write", role: "writer", systemPrompt: "Write it." },
        ],
        edges: [
          { from: "look", to: "write" },
          { from: "write", to: "END" },
        ],
      },
    });
    const run = await runToEnd(u, workflowId, { input: "Tea", budget: { spend: { usd: 0.000001 } } });

    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("budget_exceeded");
    expect(run.error).toMatch(/^Budget exceeded: run spend\.usd limit 0\.000001, reached 0\.\d+$/);
    const [look] = run.steps;
    expect(run.steps.map((s) => [s.nodeId, s.status])).toEqual([["look", "failed"]]);
    expect(look!.error).toBe(run.error);
    // The first turn asked for a tool and crossed the budget: no tool ran, its tokens count.
    expect(await db.toolCall.count({ where: { stepId: look!.id } })).toBe(0);
    expect(look!.inputTokens).toBeGreaterThan(0);
    expect(Number(/reached (\S+)$/.exec(run.error!)![1])).toBeCloseTo(look!.costUsd, 6);
    expect(run.costUsd).toBeCloseTo(look!.costUsd, 6);
    expect((await db.usageEvent.findUniqueOrThrow({ where: { runId: run.id } })).steps).toBe(1);
  }, 60_000);

  it("a turn whose durable step runs again writes its usage once", async () => {
    const ws = await makeWorkspace();
    const { run } = await makeRun({
      workspaceId: ws.id,
      crew: [{ role: "researcher", systemPrompt: `Look it up. ${lookup("a")}`, tools: ["http_request"] }],
    });
    await db.run.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date() } });
    const scope = scopeFor(ws.id);
    const totals = async () => {
      const r = await db.run.findUniqueOrThrow({ where: { id: run.id }, include: { steps: true } });
      const s = r.steps[0]!;
      return {
        run: [r.inputTokens, r.outputTokens, Number(r.costUsd)],
        step: [s.inputTokens, s.outputTokens, Number(s.costUsd)],
      };
    };

    const turn = await executeStep({ scope, runId: run.id }, 0);
    expect(turn.status).toBe("tool_use");
    const once = await totals();
    expect(once.step[0]).toBeGreaterThan(0);
    expect(once.run).toEqual(once.step);
    // As after a crash before the turn was journaled: the same turn again.
    expect(await executeStep({ scope, runId: run.id }, 0)).toEqual(turn);
    expect(await totals()).toEqual(once);
  });

  /** A crew run of one tool-calling step, running, after its first model turn. */
  async function afterFirstTurn() {
    const ws = await makeWorkspace();
    const { run } = await makeRun({
      workspaceId: ws.id,
      crew: [{ role: "researcher", systemPrompt: THREE_LOOKUPS, tools: ["http_request"] }],
    });
    await db.run.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date() } });
    const scope = scopeFor(ws.id);
    const first = await executeStep({ scope, runId: run.id }, 0);
    if (first.status !== "tool_use") throw new Error(`expected a tool turn, got ${first.status}`);
    return { scope, runId: run.id, first };
  }

  it("a run cancelled between tool turns bills the step that spent tokens", async () => {
    const { scope, runId, first } = await afterFirstTurn();
    await db.run.update({ where: { id: runId }, data: { cancelRequestedAt: new Date() } });
    const turn = { history: [], calls: 1, inputTokens: first.inputTokens, outputTokens: first.outputTokens };
    expect(await executeStep({ scope, runId }, 0, { turn })).toEqual({ status: "cancelled" });

    const finished = await finishRun(scope, runId);
    expect(finished.status).toBe("cancelled");
    const done = await waitForRun(runId);
    expect(done.steps[0]).toMatchObject({ status: "cancelled", inputTokens: first.inputTokens });
    expect(done).toMatchObject({ inputTokens: first.inputTokens, outputTokens: first.outputTokens });
    expect(done.usageEvent).toMatchObject({ steps: 1, inputTokens: first.inputTokens });
  });

  it("a budget reached while the tools ran fails the step before its next turn, keeping its tokens", async () => {
    const { scope, runId, first } = await afterFirstTurn();
    // The tools took two minutes of a one-minute budget.
    await db.run.update({
      where: { id: runId },
      data: { startedAt: new Date(Date.now() - 2 * 60_000), budget: { wall_clock: 1 } },
    });
    const turn = { history: [], calls: 1, inputTokens: first.inputTokens, outputTokens: first.outputTokens };
    const stopped = await executeStep({ scope, runId }, 0, { turn });
    expect(stopped).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^Budget exceeded: run wall_clock/),
    });

    await finishRun(scope, runId);
    const done = await waitForRun(runId);
    expect(done).toMatchObject({ status: "failed", errorCode: "budget_exceeded", inputTokens: first.inputTokens });
    expect(done.steps[0]).toMatchObject({
      status: "failed",
      error: (stopped as { error: string }).error,
      inputTokens: first.inputTokens,
      outputTokens: first.outputTokens,
    });
    expect(done.usageEvent).toMatchObject({ steps: 1, inputTokens: first.inputTokens });
  });
});
