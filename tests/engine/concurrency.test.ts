import { afterEach, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { planLimits } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { mountApp } from "@/lib/engine/app";
import { claimJobs } from "@/lib/engine/claim-job";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { sendEvent } from "@/lib/engine/send-event";
import type { Plan } from "@/lib/generated/prisma/enums";
import { runRequestedEvent } from "@/lib/runs/create-run";
import { makeRun, makeWorkspace, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterEach(async () => {
  await driver?.stop();
  driver = undefined;
});

/** The most jobs of the workspace seen holding a live lease at once while `until` settles. */
async function mostAtOnce(workspaceId: string, until: Promise<unknown>): Promise<number> {
  let most = 0;
  const watch = setInterval(() => {
    void db.engineJob
      .count({ where: { concurrencyKey: workspaceId, status: "running", lockedUntil: { gte: new Date() } } })
      .then((n) => (most = Math.max(most, n)));
  }, 20);
  await until;
  clearInterval(watch);
  return most;
}

async function queueRuns(plan: Plan, count: number, slowMs: number) {
  const workspaceId = (await makeWorkspace(plan)).id;
  const crew = [{ role: "writer", systemPrompt: `Write. [[simulate:slow:${slowMs}]]` }];
  const runs = await Promise.all(Array.from({ length: count }, () => makeRun({ workspaceId, crew })));
  await sendEvent(runs.map(({ run }) => runRequestedEvent(run.id, workspaceId, plan, workspaceId)));
  return { workspaceId, runs: runs.map(({ run }) => run) };
}

describe("per-plan concurrency in the in-process driver", () => {
  for (const plan of ["free", "team"] as const) {
    it(`runs exactly ${plan}'s number of runs of a workspace at once`, async () => {
      const limit = planLimits(plan).concurrency;
      const { workspaceId, runs } = await queueRuns(plan, limit + 2, 800);
      driver = await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 20 } });

      const done = Promise.all(runs.map((run) => waitForRun(run.id, 30_000)));
      const most = await mostAtOnce(workspaceId, done);

      expect((await done).every((r) => r.status === "completed")).toBe(true);
      expect(most).toBe(limit);
    });
  }

  it("is fair: one workspace's backlog does not delay another workspace's run", async () => {
    const busy = await queueRuns("team", 50, 600);
    const other = await queueRuns("free", 1, 10);
    driver = await startDriver({
      functions: runCrew,
      workspaces: [busy.workspaceId, other.workspaceId],
      config: { pollMs: 20, maxParallel: 4 },
    });

    expect((await waitForRun(other.runs[0]!.id, 30_000)).status).toBe("completed");
    // Four slots, 50 runs ahead of it: first come, first served would have made it wait for all of them.
    const busyDone = await db.run.count({ where: { workspaceId: busy.workspaceId, status: "completed" } });
    expect(busyDone).toBeLessThanOrEqual(8);
    await driver.stop();
    driver = undefined;
    // No driver runs the rest of the backlog.
    await db.engineJob.updateMany({
      where: { concurrencyKey: busy.workspaceId, status: { in: ["queued", "running"] } },
      data: { status: "failed", lockedBy: null, lockedUntil: null },
    });
  });

  it("several drivers claiming the same workspace's queue at the same moment take no more than its limit", async () => {
    const limit = planLimits("team").concurrency;
    const { workspaceId } = await queueRuns("team", limit + 6, 10);
    const app = await mountApp(runCrew);
    try {
      const claims = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          claimJobs({
            functions: app.functions,
            workerId: `racer-${i}`,
            leaseMs: 60_000,
            max: limit,
            keys: [workspaceId],
          }),
        ),
      );
      expect(claims.flat()).toHaveLength(limit);
      // Each holds its own slot.
      expect(new Set(claims.flat().map((j) => j.slot)).size).toBe(limit);
    } finally {
      app.unmount();
      await db.engineJob.updateMany({
        where: { concurrencyKey: workspaceId, status: { in: ["queued", "running"] } },
        data: { status: "failed", lockedBy: null, lockedUntil: null },
      });
    }
  });
});
