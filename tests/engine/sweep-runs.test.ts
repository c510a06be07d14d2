import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { getRun } from "@/lib/runs/get-run";
import { getStepInput } from "@/lib/runs/get-step-input";
import { sweepStaleRuns } from "@/lib/runs/sweep-stale-runs";
import { makeRun, makeWorkspace, THREE_AGENTS, waitForRun } from "../support/runs";

let workspaceId: string;
let driver: Driver | undefined;

beforeAll(async () => {
  workspaceId = (await makeWorkspace("pro")).id;
});
afterAll(async () => {
  await driver?.stop();
});

const tenMinutesAgo = () => new Date(Date.now() - 10 * 60_000);

describe("the stale-run sweep", () => {
  it("re-enqueues a running run whose worker vanished, and the run then completes", async () => {
    const { run } = await makeRun({ workspaceId, crew: THREE_AGENTS });
    // It started long ago, finished step 1 … and no job exists any more.
    await db.run.update({
      where: { id: run.id },
      data: { status: "running", startedAt: tenMinutesAgo(), heartbeatAt: tenMinutesAgo() },
    });
    await db.step.updateMany({
      where: { runId: run.id, index: 0 },
      data: {
        status: "completed",
        output: "1. Steep the tea",
        inputTokens: 10,
        outputTokens: 5,
        attempts: 1,
        finishedAt: tenMinutesAgo(),
      },
    });

    const swept = await sweepStaleRuns({ workspaceId });
    expect(swept).toEqual([{ runId: run.id, workspaceId, action: "resumed" }]);
    // A second sweep leaves it alone: it has a live job now.
    expect(await sweepStaleRuns({ workspaceId })).toEqual([]);
    // The run says what the sweep did, and why.
    const [sweep, ...more] = (await getRun(scopeFor(workspaceId), run.id)).sweeps;
    expect(more).toEqual([]);
    expect(sweep).toEqual({
      at: expect.any(String),
      action: "requeued",
      reason: expect.stringMatching(
        /^No heartbeat since \S+ and no engine job for it: sent to the engine again, it resumes after its last completed step\.$/,
      ),
    });

    driver = await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } });
    const done = await waitForRun(run.id);
    expect(done.status).toBe("completed");
    expect(done.steps[0]!.output).toBe("1. Steep the tea");
    expect(done.steps[0]!.attempts).toBe(1);
    expect((await getStepInput(scopeFor(workspaceId), run.id, done.steps[1]!.id)).input).toMatchObject({
      messages: [{ content: expect.stringContaining("## Output of step 1 (planner)\n1. Steep the tea") }],
    });
  });

  it("fails a run whose job gave up, with the reason, and leaves fresh runs alone", async () => {
    const { run } = await makeRun({ workspaceId, crew: THREE_AGENTS });
    await db.run.update({ where: { id: run.id }, data: { status: "running", heartbeatAt: tenMinutesAgo() } });
    await db.step.updateMany({
      where: { runId: run.id, index: 0 },
      data: { status: "running", startedAt: tenMinutesAgo() },
    });
    await db.engineJob.create({
      data: {
        functionId: "loopllama-run-crew-free",
        eventName: "run/requested",
        eventId: `test-${run.id}`,
        data: { runId: run.id, workspaceId },
        status: "failed",
        attempts: 5,
        lastError: "connection terminated unexpectedly",
        finishedAt: tenMinutesAgo(),
      },
    });
    const fresh = await makeRun({ workspaceId, crew: THREE_AGENTS });
    await db.run.update({ where: { id: fresh.run.id }, data: { status: "running", heartbeatAt: new Date() } });

    const swept = await sweepStaleRuns({ workspaceId });
    expect(swept).toEqual([expect.objectContaining({ runId: run.id, action: "failed", status: "failed" })]);
    const failed = await db.run.findUniqueOrThrow({
      where: { id: run.id },
      include: { steps: { orderBy: { index: "asc" } } },
    });
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe(
      "Step 1 of 3 (planner) failed: The engine gave up after 5 attempts: connection terminated unexpectedly",
    );
    expect(failed.steps.map((s) => s.status)).toEqual(["failed", "cancelled", "cancelled"]);
    expect((await getRun(scopeFor(workspaceId), run.id)).sweeps).toEqual([
      {
        at: expect.any(String),
        action: "failed",
        reason: "The engine gave up after 5 attempts: connection terminated unexpectedly",
      },
    ]);
    expect((await getRun(scopeFor(workspaceId), fresh.run.id)).sweeps).toEqual([]);
    expect(await db.usageEvent.count({ where: { runId: run.id } })).toBe(1);
    expect((await db.run.findUniqueOrThrow({ where: { id: fresh.run.id } })).status).toBe("running");
  });

  it("looks at every candidate: a backlog of 250 waiting runs does not hide another workspace's lost run", async () => {
    const busy = (await makeWorkspace("free")).id;
    const { run: first } = await makeRun({ workspaceId: busy, crew: THREE_AGENTS });
    const long = new Date(Date.now() - 20 * 60_000);
    // 250 old queued runs, each waiting for its turn (a queued job): the sweep leaves them alone.
    await db.run.createMany({
      data: Array.from({ length: 250 }, () => ({
        workspaceId: busy,
        workflowId: first.workflowId,
        workflowVersionId: first.workflowVersionId,
        input: "waiting",
        stepCount: 3,
        createdAt: long,
      })),
    });
    const waiting = await db.run.findMany({ where: { workspaceId: busy }, select: { id: true } });
    await db.engineJob.createMany({
      data: waiting.map((r) => ({
        functionId: "loopllama-run-crew-free",
        eventName: "run/requested",
        eventId: `backlog-${r.id}`,
        data: { runId: r.id, workspaceId: busy },
        concurrencyKey: busy,
      })),
    });
    // Another workspace's run lost its worker, and it is younger than the whole backlog.
    const { run: lost } = await makeRun({ workspaceId, crew: THREE_AGENTS });
    await db.run.update({ where: { id: lost.id }, data: { status: "running", heartbeatAt: tenMinutesAgo() } });

    const swept = await sweepStaleRuns();
    expect(swept).toContainEqual({ runId: lost.id, workspaceId, action: "resumed" });
    expect(swept.filter((s) => s.workspaceId === busy)).toEqual([]);
  });
});
