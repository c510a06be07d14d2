import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { ClaimedJob } from "@/lib/engine/claim-job";
import { requeueJob } from "@/lib/engine/end-job";
import { settleWait, writeStep } from "@/lib/engine/journal";
import { waitFor } from "../support/runs";

const FAR = new Date(Date.now() + 24 * 3600_000);

/** A job held by a run (as a claim leaves it), with a wait for an event journaled. */
async function runningJobWithWait(name: string): Promise<ClaimedJob> {
  const row = await db.engineJob.create({
    data: {
      functionId: "lost-wakeup-test",
      eventName: "test/started",
      eventId: `${name}-${Date.now()}`,
      data: {},
      status: "running",
      lockedBy: `${name}-worker`,
      lockedUntil: FAR,
    },
  });
  const job = { ...row, lockedBy: `${name}-worker` };
  await writeStep(job, "wait-answer", { type: "waiting", op: "WaitForEvent", until: FAR.toISOString(), event: "x" });
  return job;
}

/** Whether a statement on EngineJob is waiting for a row lock held by another transaction. */
async function someoneWaitsForTheJobRow(): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE "EngineJob" j SET status = ''queued''%'`;
  return (rows[0]?.n ?? 0) > 0;
}

describe("a wake-up while the job runs", () => {
  it("is not lost when the event's write commits after the job's requeue took its snapshot", async () => {
    const job = await runningJobWithWait("interleaved");
    // The event ends the wait in a transaction that stays open until released: the job is
    // still running then, so the event cannot make it due; it can only mark it.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let settled!: () => void;
    const written = new Promise<void>((r) => (settled = r));
    const waker = db.$transaction(
      async (tx) => {
        await settleWait(job.id, "wait-answer", { type: "data", data: { answer: 1 } }, tx);
        settled();
        await released;
      },
      { timeout: 60_000 },
    );
    await written;
    // The run puts its job back to wait while the event's write is not committed yet.
    let requeued = false;
    const requeue = requeueJob(job, FAR, { waits: ["wait-answer"] }).then(() => (requeued = true));
    // Either the requeue is done (it did not see the event) or it waits for the event's row lock.
    await waitFor(async () => requeued || (await someoneWaitsForTheJobRow()) || null, 10_000);
    release();
    await waker;
    await requeue;
    const after = await db.engineJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(after.status).toBe("queued");
    expect(after.runAt.getTime()).toBeLessThan(FAR.getTime() - 3600_000);
    expect(after.wakes).toBe(1);
  });

  it("an event after the job is queued makes it due; one before its requeue is seen by the requeue", async () => {
    const queued = await runningJobWithWait("after");
    await requeueJob(queued, FAR, { waits: ["wait-answer"] });
    expect((await db.engineJob.findUniqueOrThrow({ where: { id: queued.id } })).runAt.getTime()).toBe(FAR.getTime());
    await settleWait(queued.id, "wait-answer", { type: "data", data: null });
    expect((await db.engineJob.findUniqueOrThrow({ where: { id: queued.id } })).runAt.getTime()).toBeLessThan(
      FAR.getTime() - 3600_000,
    );

    // A wake-up of another wait than the ones the job now waits for still makes it look again.
    const running = await runningJobWithWait("before");
    await settleWait(running.id, "wait-answer", { type: "data", data: null });
    await requeueJob(running, FAR, { waits: ["a-later-wait"] });
    const after = await db.engineJob.findUniqueOrThrow({ where: { id: running.id } });
    expect(after.runAt.getTime()).toBeLessThan(FAR.getTime() - 3600_000);
  });
});
