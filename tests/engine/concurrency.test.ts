import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { planLimits } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { makeRun, makeWorkspace, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("per-workspace concurrency in the in-process driver", () => {
  it("runs at most the plan's number of runs of a workspace at once", async () => {
    const workspaceId = (await makeWorkspace("free")).id;
    const limit = planLimits("free").concurrency;
    const crew = [{ role: "writer", systemPrompt: "Write. [[simulate:slow:400]]" }];
    const runs = await Promise.all(Array.from({ length: limit + 2 }, () => makeRun({ workspaceId, crew })));
    await sendEvent(runs.map(({ run }) => ({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId } })));
    driver = await startDriver({
      functions: runCrew,
      workspaces: [workspaceId],
      config: { pollMs: 20, maxParallel: 10 },
    });

    let most = 0;
    const watch = setInterval(() => {
      void db.engineJob
        .count({ where: { concurrencyKey: workspaceId, status: "running", lockedUntil: { gte: new Date() } } })
        .then((n) => (most = Math.max(most, n)));
    }, 20);
    const done = await Promise.all(runs.map(({ run }) => waitForRun(run.id)));
    clearInterval(watch);

    expect(done.every((r) => r.status === "completed")).toBe(true);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(limit);
  });
});
