import { describe, expect, it } from "vitest";
import { GET as overview } from "@/app/api/v1/billing/route";
import { GET as usage } from "@/app/api/v1/usage/route";
import { monthOf } from "@/lib/billing/month";
import { PLANS } from "@/lib/billing/plans";
import { makeRunRow, makeUsageEvent, makeWorkflowRows, setPlan } from "../support/billing";
import { addMember, apiRequest, call, makeUser } from "../support/factory";

describe("GET /api/v1/usage", () => {
  it("sums a month's usage events into totals and a daily series", async () => {
    const u = await makeUser("usage");
    await makeUsageEvent(u.workspaceId, {
      steps: 3,
      inputTokens: 300,
      outputTokens: 120,
      costUsd: 0.01,
      createdAt: new Date("2025-04-02T08:00:00Z"),
    });
    await makeUsageEvent(u.workspaceId, {
      steps: 2,
      inputTokens: 200,
      outputTokens: 80,
      costUsd: 0.02,
      createdAt: new Date("2025-04-02T23:59:59Z"),
    });
    await makeUsageEvent(u.workspaceId, {
      steps: 5,
      inputTokens: 500,
      outputTokens: 200,
      costUsd: 0.5,
      createdAt: new Date("2025-04-30T12:00:00Z"),
    });
    await makeUsageEvent(u.workspaceId, { steps: 9, createdAt: new Date("2025-05-01T00:00:00Z") });
    const other = await makeUser("usage-other");
    await makeUsageEvent(other.workspaceId, { steps: 50, createdAt: new Date("2025-04-02T10:00:00Z") });

    const res = await call(usage, apiRequest("GET", "/api/v1/usage?month=2025-04", { token: u.token }));
    expect(res.status).toBe(200);
    expect(res.body.month).toBe("2025-04");
    expect(res.body.totals).toEqual({
      steps: 10,
      runs: 3,
      reflections: 0,
      inputTokens: 1000,
      outputTokens: 400,
      costUsd: 0.53,
    });
    expect(res.body.daily).toHaveLength(30);
    expect(res.body.daily[1]).toEqual({
      date: "2025-04-02",
      steps: 5,
      runs: 2,
      reflections: 0,
      inputTokens: 500,
      outputTokens: 200,
      costUsd: 0.03,
    });
    expect(res.body.daily[0].steps).toBe(0);
    expect(res.body.daily[29]).toMatchObject({ date: "2025-04-30", steps: 5 });
  });

  it("defaults to the current month and validates the month", async () => {
    const u = await makeUser("usage-default");
    const res = await call(usage, apiRequest("GET", "/api/v1/usage", { token: u.token }));
    expect(res.body.month).toBe(monthOf(new Date()).key);
    const bad = await call(usage, apiRequest("GET", "/api/v1/usage?month=2025-13", { token: u.token }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("month");
  });

  it("answers 401 without auth and 404 for another workspace", async () => {
    const a = await makeUser("usage-a");
    const b = await makeUser("usage-b");
    expect((await call(usage, apiRequest("GET", "/api/v1/usage", null))).status).toBe(401);
    expect(
      (await call(usage, apiRequest("GET", "/api/v1/usage", { cookie: a.cookie, workspace: b.slug }))).status,
    ).toBe(404);
    expect((await call(overview, apiRequest("GET", "/api/v1/billing", null))).status).toBe(401);
    expect(
      (await call(overview, apiRequest("GET", "/api/v1/billing", { cookie: a.cookie, workspace: b.slug }))).status,
    ).toBe(404);
  });
});

describe("GET /api/v1/billing", () => {
  it("shows the plan, month-to-date and reserved steps, and a projected overage on paid plans", async () => {
    const u = await makeUser("overview");
    const wf = await makeWorkflowRows(u.workspaceId, 4);
    await setPlan(u.workspaceId, "pro", `cus_overview_${u.workspaceId}`);
    await makeUsageEvent(u.workspaceId, { steps: PLANS.pro.monthlySteps + 1000 });
    await makeRunRow(u.workspaceId, wf, { status: "queued", stepCount: 4 });
    await makeRunRow(u.workspaceId, wf, { status: "completed", stepCount: 4 });

    const res = await call(overview, apiRequest("GET", "/api/v1/billing", { token: u.token }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      plan: "pro",
      planName: "Pro",
      hasBillingAccount: true,
      canManage: false,
      subscription: null,
    });
    const used = PLANS.pro.monthlySteps + 1004;
    expect(res.body.usage).toMatchObject({
      monthToDateSteps: used,
      reservedSteps: 4,
      remainingSteps: 0,
      overageSteps: 1004,
    });
    expect(res.body.usage.overageUsd).toBeCloseTo(1004 * PLANS.pro.overageUsdPerStep, 2);
    expect(res.body.usage.projectedSteps).toBeGreaterThanOrEqual(used);
    expect(res.body.usage.projectedOverageSteps).toBe(res.body.usage.projectedSteps - PLANS.pro.monthlySteps);
    expect(res.body.plans.map((p: { id: string }) => p.id)).toEqual(["free", "pro", "team"]);
  });

  it("shows no overage on Free, and owners and admins may manage billing", async () => {
    const owner = await makeUser("overview-free");
    const admin = await makeUser("overview-admin");
    await addMember(owner.workspaceId, admin.userId, "admin");
    await makeUsageEvent(owner.workspaceId, { steps: 400 });
    const res = await call(overview, apiRequest("GET", "/api/v1/billing", { cookie: owner.cookie }));
    expect(res.body).toMatchObject({ plan: "free", canManage: true, hasBillingAccount: false });
    expect(res.body.usage).toMatchObject({
      monthToDateSteps: 400,
      remainingSteps: PLANS.free.monthlySteps - 400,
      projectedOverageSteps: 0,
    });
    const asAdmin = await call(
      overview,
      apiRequest("GET", "/api/v1/billing", { cookie: admin.cookie, workspace: owner.slug }),
    );
    expect(asAdmin.body.canManage).toBe(true);
  });
});
