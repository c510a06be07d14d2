import { afterEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { functions } from "@/inngest";
import { runCrew } from "@/inngest/functions/run-crew";
import { engineShareLimit } from "@/lib/billing/plans";
import { env } from "@/lib/env";
import { mountApp } from "@/lib/engine/app";
import { claimJobs } from "@/lib/engine/claim-job";
import { workspaceOwner } from "@/lib/billing/workspace-owner";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { sendEvent } from "@/lib/engine/send-event";
import { runRequestedEvent } from "@/lib/runs/create-run";
import { uniqueEmail } from "../support/factory";
import { makeRun, makeWorkspace, waitFor, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterEach(async () => {
  await driver?.stop();
  driver = undefined;
});

/** A user who owns `count` Free workspaces. */
async function ownerOf(count: number) {
  const user = await db.user.create({ data: { email: uniqueEmail("owner") } });
  const workspaces = [];
  for (let i = 0; i < count; i++) {
    const ws = await makeWorkspace("free");
    await db.membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "owner" } });
    workspaces.push(ws.id);
  }
  return { userId: user.id, workspaces };
}

/** Queues runs of one agent in the workspace, as createRun tells the engine (plan and owner from the workspace). */
async function queue(workspaceId: string, count: number, systemPrompt: string) {
  const { plan, ownerId } = await workspaceOwner(db, workspaceId);
  const runs = await Promise.all(
    Array.from({ length: count }, () => makeRun({ workspaceId, crew: [{ role: "writer", systemPrompt }] })),
  );
  await sendEvent(runs.map(({ run }) => runRequestedEvent(run.id, workspaceId, plan, ownerId)));
  return runs.map(({ run }) => run.id);
}

describe("a fair share per person", () => {
  it("one account's 20 Free workspaces share Free's 2 run slots: another account's run starts at once", async () => {
    const hog = await ownerOf(20);
    const other = await ownerOf(1);
    for (const ws of hog.workspaces) await queue(ws, 2, "Write. [[simulate:slow:15000]]");
    driver = await startDriver({
      functions: runCrew,
      workspaces: [...hog.workspaces, ...other.workspaces],
      config: { pollMs: 20, maxParallel: 6 },
    });

    // Six free slots, forty slow runs of one owner: the owner holds exactly the plan's two.
    const hogRunning = () =>
      db.engineJob.count({
        where: { concurrencyKey: hog.userId, status: "running", lockedUntil: { gte: new Date() } },
      });
    // The claim commits before the driver counts the job it took: wait for both to say two.
    await waitFor(async () => (await hogRunning()) === 2 && driver!.inFlight() === 2);
    expect(await hogRunning()).toBe(2);

    const [otherRun] = await queue(other.workspaces[0]!, 1, "Write.");
    const done = await waitForRun(otherRun!, 30_000);
    expect(done.status).toBe("completed");
    // It did not wait for a slot: none of the slow runs had finished when it did.
    expect(
      await db.run.count({ where: { workspaceId: { in: hog.workspaces }, status: { in: ["completed", "failed"] } } }),
    ).toBe(0);
    expect(await hogRunning()).toBe(2);

    // No driver runs the rest of the backlog.
    await db.engineJob.updateMany({
      where: { concurrencyKey: hog.userId, status: "queued" },
      data: { status: "failed" },
    });
  }, 60_000);

  it("Free's runs, ticks and reflections together hold at most Free's share of the engine, not that share each", async () => {
    const app = await mountApp(functions);
    app.unmount();
    const free = ["run-crew", "agent-tick", "agent-reflect"].map((name) =>
      app.functions.find((f) => f.id === `loopllama-${name}-free`)!,
    );
    const share = engineShareLimit("free", env().ENGINE_MAX_PARALLEL)!;
    // Each registration has more ready jobs than the whole share, every job of an owner of its own.
    const workspaceId = `ws-share-${randomUUID()}`;
    const perFunction = share + 10;
    for (const fn of free) {
      await db.engineJob.createMany({
        data: Array.from({ length: perFunction }, () => ({
          functionId: fn.id,
          eventName: "test/share",
          eventId: randomUUID(),
          data: { workspaceId },
          concurrencyKey: `owner-${randomUUID()}`,
        })),
      });
    }
    try {
      const claimed = await claimJobs({
        functions: free,
        workerId: "share-test",
        leaseMs: 60_000,
        max: 3 * perFunction,
        keys: [workspaceId],
      });
      expect(claimed.length).toBeGreaterThan(0);
      expect(claimed.length).toBeLessThanOrEqual(share);
    } finally {
      await db.engineJob.deleteMany({ where: { data: { path: ["workspaceId"], equals: workspaceId } } });
    }
  });
});
