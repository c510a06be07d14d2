import { afterEach, describe, expect, it, vi } from "vitest";

describe("plan limits", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("keep their defaults without PLAN_LIMITS_JSON", async () => {
    vi.stubEnv("PLAN_LIMITS_JSON", "");
    const { PLANS } = await import("./plans");
    expect(PLANS.free).toMatchObject({ monthlySteps: 1000, hardStop: true });
  });

  it("take an operator's overrides field by field", async () => {
    vi.stubEnv("PLAN_LIMITS_JSON", '{"free":{"monthlySteps":5000},"team":{"concurrency":50}}');
    const { PLANS } = await import("./plans");
    expect(PLANS.free.monthlySteps).toBe(5000);
    expect(PLANS.free.runsPerMinute).toBe(30);
    expect(PLANS.team.concurrency).toBe(50);
    expect(PLANS.pro.monthlySteps).toBe(20_000);
  });

  it("refuse an override that names an unknown field or a bad value", async () => {
    vi.stubEnv("PLAN_LIMITS_JSON", '{"free":{"concurrency":0}}');
    await expect(import("./plans")).rejects.toThrow(/free\.concurrency/);
    vi.resetModules();
    vi.stubEnv("PLAN_LIMITS_JSON", '{"gold":{}}');
    await expect(import("./plans")).rejects.toThrow(/PLAN_LIMITS_JSON/);
  });
});
