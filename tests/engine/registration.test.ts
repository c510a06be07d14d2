import { describe, expect, it } from "vitest";
import { functions } from "@/inngest";
import { planLimits } from "@/lib/billing/plans";
import { mountApp } from "@/lib/engine/app";
import { holds } from "@/lib/engine/expressions";
import { concurrencyOf } from "@/lib/engine/registration";

describe("the registration the serve endpoint gives an Inngest server", () => {
  it("registers run-crew once per plan, triggered by the event's plan, with that plan's limit per workspace", async () => {
    const app = await mountApp(functions);
    app.unmount();
    for (const plan of ["free", "pro", "team"] as const) {
      const fn = app.functions.find((f) => f.id === `loopllama-run-crew-${plan}`);
      expect(fn?.concurrency).toEqual([{ key: "event.data.workspaceId", limit: planLimits(plan).concurrency }]);
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
      expect.arrayContaining(["loopllama-run-crew-team-failure", "loopllama-agent-tick-failure"]),
    );
  });
});
