import { describe, expect, it } from "vitest";
import { POST as createRun } from "@/app/api/v1/workflows/[id]/runs/route";
import { POST as createWorkflow } from "@/app/api/v1/workflows/route";
import { admitRun, runRateKey, RUN_RATE_WINDOW_SECONDS, takeRunRate } from "@/lib/billing/admit-run";
import { PLANS } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { createToken } from "@/lib/tokens/tokens";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { makeUsageEvent, setPlan } from "../support/billing";
import { apiRequest, call, makeUser, type TestUser } from "../support/factory";

const THREE_AGENTS = {
  name: "Three steps",
  model: "claude-sonnet-4-6",
  crew: [
    { role: "researcher", systemPrompt: "Research." },
    { role: "writer", systemPrompt: "Write." },
    { role: "reviewer", systemPrompt: "Review." },
  ],
};

async function threeStepWorkflow(u: TestUser): Promise<string> {
  const res = await call(createWorkflow, apiRequest("POST", "/api/v1/workflows", { token: u.token }, THREE_AGENTS));
  expect(res.status).toBe(201);
  return res.body.id;
}

const trigger = (u: TestUser, workflowId: string) =>
  call(createRun, apiRequest("POST", `/api/v1/workflows/${workflowId}/runs`, { token: u.token }, { input: "go" }), {
    id: workflowId,
  });

const FREE = PLANS.free.monthlySteps;

describe("run admission on the Free plan", () => {
  it("refuses with 402 the run that would pass the monthly allowance, and writes nothing", async () => {
    const u = await makeUser("free-edge");
    const wf = await threeStepWorkflow(u);
    await makeUsageEvent(u.workspaceId, { steps: FREE - 5 });

    const fits = await trigger(u, wf);
    expect(fits.status).toBe(202);
    // 995 used + 3 queued = 998; 3 more would be 1001.
    const refused = await trigger(u, wf);
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe("payment_required");
    expect(refused.body.error.message).toMatch(/Upgrade to Pro on the Billing page/);
    expect(refused.body.error.details).toMatchObject({ allowance: FREE, used: FREE - 5, reserved: 3, requested: 3 });
    expect(await db.run.count({ where: { workspaceId: u.workspaceId } })).toBe(1);
  });

  it("does not count last month's usage", async () => {
    const u = await makeUser("free-lastmonth");
    const wf = await threeStepWorkflow(u);
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    await makeUsageEvent(u.workspaceId, { steps: FREE, createdAt: lastMonth });
    expect((await trigger(u, wf)).status).toBe(202);
  });

  it("admits exactly the allowed number of 20 concurrent requests at the edge", async () => {
    const u = await makeUser("free-race");
    const wf = await threeStepWorkflow(u);
    const room = 7;
    await makeUsageEvent(u.workspaceId, { steps: FREE - room * 3 });

    const results = await Promise.all(Array.from({ length: 20 }, () => trigger(u, wf)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(room);
    expect(statuses.filter((s) => s === 402)).toHaveLength(20 - room);
    expect(await db.run.count({ where: { workspaceId: u.workspaceId } })).toBe(room);
    const reserved = await db.run.aggregate({ where: { workspaceId: u.workspaceId }, _sum: { stepCount: true } });
    expect((reserved._sum.stepCount ?? 0) + FREE - room * 3).toBe(FREE);
  });
});

describe("Free limits shared by one owner's workspaces", () => {
  it("a second Free workspace of the same owner draws on the first's allowance: 402 once their steps reach it", async () => {
    const u = await makeUser("free-two");
    const second = await createWorkspace({ userId: u.userId, name: "Second" });
    const { token } = await createToken(
      scopeFor(second.id),
      { type: "system", id: null },
      { name: "test", createdById: u.userId },
    );
    const v: TestUser = { ...u, workspaceId: second.id, token };
    const wf = await threeStepWorkflow(v);
    // The first workspace used all but 5 steps; the second has used nothing.
    await makeUsageEvent(u.workspaceId, { steps: FREE - 5 });

    expect((await trigger(v, wf)).status).toBe(202);
    const refused = await trigger(v, wf);
    expect(refused.status).toBe(402);
    expect(refused.body.error.message).toMatch(/shared by every Free workspace of this workspace's owner/);
    expect(refused.body.error.details).toMatchObject({ allowance: FREE, used: FREE - 5, reserved: 3, requested: 3 });

    // Another user's Free workspace keeps its own allowance.
    const stranger = await makeUser("free-stranger");
    expect((await trigger(stranger, await threeStepWorkflow(stranger))).status).toBe(202);
  });

  it("shares the run rate too: the owner's window counts every Free workspace's runs", async () => {
    const u = await makeUser("rate-two");
    const second = await createWorkspace({ userId: u.userId, name: "Second" });
    const { token } = await createToken(
      scopeFor(second.id),
      { type: "system", id: null },
      { name: "test", createdById: u.userId },
    );
    const wf = await threeStepWorkflow({ ...u, workspaceId: second.id, token });
    const windowMs = RUN_RATE_WINDOW_SECONDS * 1000;
    const start = Math.floor(Date.now() / windowMs) * windowMs;
    for (const windowStart of [start, start + windowMs]) {
      await db.rateLimitWindow.create({
        data: { key: runRateKey(u.userId), windowStart: new Date(windowStart), count: PLANS.free.runsPerMinute },
      });
    }
    expect((await trigger({ ...u, workspaceId: second.id, token }, wf)).status).toBe(429);
  });
});

describe("run admission on paid plans", () => {
  it("runs past the allowance: the extra steps are overage", async () => {
    const u = await makeUser("pro-over");
    const wf = await threeStepWorkflow(u);
    await setPlan(u.workspaceId, "pro", `cus_over_${u.workspaceId}`);
    await makeUsageEvent(u.workspaceId, { steps: PLANS.pro.monthlySteps + 10 });
    const res = await trigger(u, wf);
    expect(res.status).toBe(202);
    expect(res.body.status).toBe("queued");
  });
});

describe("run rate limit", () => {
  it("answers 429 with Retry-After past the plan's runs per minute, and writes nothing", async () => {
    const u = await makeUser("rate");
    const wf = await threeStepWorkflow(u);
    // Fill this window and the next, so the request is over the limit whichever minute it lands in.
    const windowMs = RUN_RATE_WINDOW_SECONDS * 1000;
    const start = Math.floor(Date.now() / windowMs) * windowMs;
    for (const windowStart of [start, start + windowMs]) {
      await db.rateLimitWindow.create({
        data: { key: runRateKey(u.userId), windowStart: new Date(windowStart), count: PLANS.free.runsPerMinute },
      });
    }
    const res = await trigger(u, wf);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("rate_limited");
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(RUN_RATE_WINDOW_SECONDS);
    expect(await db.run.count({ where: { workspaceId: u.workspaceId } })).toBe(0);
  });

  it("lets the plan's number of runs through within a minute", async () => {
    const u = await makeUser("rate-ok");
    const wf = await threeStepWorkflow(u);
    await setPlan(u.workspaceId, "pro", `cus_rate_${u.workspaceId}`);
    const results = await Promise.all(Array.from({ length: 10 }, () => trigger(u, wf)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
  });
});

describe("admission under a burst from one workspace", () => {
  it("does not queue a run creation behind another one of the same workspace still in its transaction", async () => {
    const u = await makeUser("burst-open");
    const wf = await threeStepWorkflow(u);
    await setPlan(u.workspaceId, "pro", `cus_burst_${u.workspaceId}`);
    const input = { workspaceId: u.workspaceId, plan: "pro" as const, ownerId: u.userId, steps: 3 };
    // A creation of the same workspace that has taken its rate and is admitted, and has not committed yet.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let admitted!: () => void;
    const inside = new Promise<void>((r) => (admitted = r));
    await takeRunRate(input);
    const open = db.$transaction(
      async (tx) => {
        await admitRun(tx, input);
        admitted();
        await held;
      },
      { timeout: 60_000 },
    );
    await inside;
    // Answered while that transaction is still open: nothing it holds is waited for.
    const res = await trigger(u, wf);
    release();
    await open;
    expect(res.status).toBe(202);
  });

  it("admits a burst of 30 concurrent requests, each its own run, and one run per idempotency key", async () => {
    const u = await makeUser("burst");
    const wf = await threeStepWorkflow(u);
    await setPlan(u.workspaceId, "pro", `cus_burst2_${u.workspaceId}`);
    const plain = await Promise.all(Array.from({ length: 30 }, () => trigger(u, wf)));
    expect(plain.map((r) => r.status)).toEqual(Array(30).fill(202));
    expect(new Set(plain.map((r) => r.body.id)).size).toBe(30);

    const keyed = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(
          createRun,
          apiRequest(
            "POST",
            `/api/v1/workflows/${wf}/runs`,
            { token: u.token },
            { input: "go" },
            {
              "Idempotency-Key": "burst-key",
            },
          ),
          { id: wf },
        ),
      ),
    );
    expect(new Set(keyed.map((r) => r.body.id)).size).toBe(1);
    expect(await db.run.count({ where: { workspaceId: u.workspaceId, idempotencyKey: "api:burst-key" } })).toBe(1);
    // Only created runs count against the rate: a request that lost the key's race gave its hit back.
    const windows = await db.rateLimitWindow.findMany({ where: { key: runRateKey(u.workspaceId) } });
    expect(windows.reduce((n, w) => n + w.count, 0)).toBe(31);
  });
});
