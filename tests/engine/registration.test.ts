import { describe, expect, it } from "vitest";
import { functions } from "@/inngest";
import { planLimits } from "@/lib/billing/plans";
import { mountApp } from "@/lib/engine/app";
import { holds } from "@/lib/engine/expressions";
import { concurrencyOf } from "@/lib/engine/registration";

describe("the registration the serve endpoint gives an Inngest server", () => {
  it("registers run-crew once per plan, triggered by the event's plan, with that plan's limit per workspace (per owner on Free)", async () => {
    const app = await mountApp(functions);
    app.unmount();
    for (const plan of ["free", "pro", "team"] as const) {
      const fn = app.functions.find((f) => f.id === `loopllama-run-crew-${plan}`);
      expect(fn?.concurrency).toEqual(
        plan === "free"
          ? [
              { key: "event.data.ownerId", limit: 2 },
              { scope: "env", key: `"plan-free"`, limit: 125 },
            ]
          : [{ key: "event.data.workspaceId", limit: planLimits(plan).concurrency }],
      );
      const trigger = fn!.triggers[0]!;
      expect(trigger.event).toBe("run/requested");
      // Exactly one registration takes each run; one without a plan gets Free's.
      const takers = (data: Record<string, unknown>) =>
        app.functions
          .filter((f) => f.id.startsWith("loopllama-run-crew-") && !f.id.endsWith("-failure"))
          .filter((f) => holds(f.triggers[0]!.expression, { event: { name: "run/requested", data } }))
          .map((f) => f.id);
      expect(takers({ plan })).toEqual([`loopllama-run-crew-${plan}`]);
      expect(takers({})).toEqual(["loopllama-run-crew-free"]);
    }
    expect(planLimits("free").concurrency).toBe(2);
    expect(planLimits("team").concurrency).toBe(25);
    // The sweeps run one at a time; run-crew and agent-tick fail over to their onFailure handlers.
    expect(concurrencyOf(app.functions.find((f) => f.id === "loopllama-sweep-runs")!)).toEqual({ limit: 1 });
    expect(app.functions.map((f) => f.id)).toEqual(
      expect.arrayContaining(["loopllama-run-crew-team-failure", "loopllama-agent-tick-free-failure"]),
    );
  });

  it("registers agent ticks and reflections once per plan, with the plan's limits, not a fixed 5", async () => {
    const app = await mountApp(functions);
    app.unmount();
    const expected = { free: [2, 2], pro: [5, 5], team: [10, 10] } as const;
    for (const plan of ["free", "pro", "team"] as const) {
      const [ticks, reflections] = expected[plan];
      expect(planLimits(plan)).toMatchObject({ tickConcurrency: ticks, reflectConcurrency: reflections });
      const key = plan === "free" ? "event.data.ownerId" : "event.data.workspaceId";
      const share = plan === "free" ? [{ scope: "env", key: `"plan-free"`, limit: 125 }] : [];
      const tick = app.functions.find((f) => f.id === `loopllama-agent-tick-${plan}`);
      const reflect = app.functions.find((f) => f.id === `loopllama-agent-reflect-${plan}`);
      expect(tick?.concurrency).toEqual([{ key, limit: ticks }, ...share]);
      expect(reflect?.concurrency).toEqual([{ key, limit: reflections }, ...share]);
      // Each tick and each finished run is taken by its plan's registration only.
      const takers = (prefix: string, name: string, data: Record<string, unknown>) =>
        app.functions
          .filter((f) => f.id.startsWith(prefix) && !f.id.endsWith("-failure"))
          .filter((f) => f.triggers.some((t) => t.event === name && holds(t.expression, { event: { name, data } })))
          .map((f) => f.id);
      expect(takers("loopllama-agent-tick-", "agent/tick", { plan })).toEqual([`loopllama-agent-tick-${plan}`]);
      expect(takers("loopllama-agent-reflect-", "run/finished", { plan })).toEqual([`loopllama-agent-reflect-${plan}`]);
      expect(takers("loopllama-agent-reflect-", "agent/tick.ready", {})).toEqual(["loopllama-agent-reflect-free"]);
    }
  });
});
