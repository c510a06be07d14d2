import { afterAll, describe, expect, it } from "vitest";
import { functions } from "@/inngest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { mountApp } from "@/lib/engine/app";
import { claimJobs } from "@/lib/engine/claim-job";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { completeJob } from "@/lib/engine/end-job";
import { LostLease, writeStep } from "@/lib/engine/journal";
import { sendEvent } from "@/lib/engine/send-event";
import { runRequestedEvent } from "@/lib/runs/create-run";
import { makeRun, makeWorkspace, THREE_AGENTS, waitFor, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function queuedRun(plan: "free" | "pro") {
  const workspaceId = (await makeWorkspace(plan)).id;
  const { run } = await makeRun({ workspaceId, crew: THREE_AGENTS });
  await sendEvent(runRequestedEvent(run.id, workspaceId, plan, workspaceId));
  return { workspaceId, run };
}

describe("engine faults", () => {
  it("refuses the journal write and completion of an executor that lost its lease", async () => {
    const { workspaceId } = await queuedRun("pro");
    const app = await mountApp(functions);
    app.unmount();
    const claim = (workerId: string) =>
      claimJobs({ functions: app.functions, workerId, leaseMs: 100, max: 1, keys: [workspaceId] });

    const [first] = await claim("first");
    expect(first).toBeDefined();
    await sleep(150); // its lease expires (the process stalled) and another executor claims the job
    const [second] = await claim("second");
    expect(second?.id).toBe(first!.id);

    await expect(writeStep(first!, "agent-1", { type: "data", data: "late" })).rejects.toBeInstanceOf(LostLease);
    await expect(completeJob(first!)).rejects.toBeInstanceOf(LostLease);
    expect(await db.engineStep.count({ where: { jobId: first!.id } })).toBe(0);
    await writeStep(second!, "agent-1", { type: "data", data: "mine" });
    await completeJob(second!);
    expect((await db.engineJob.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe("completed");
  });

  it("fails a run whose job's process died ENGINE_MAX_CRASHES times, with the reason on the run", async () => {
    const { workspaceId, run } = await queuedRun("free");
    const app = await mountApp(functions);
    app.unmount();
    // Three processes claim the job and die with it (their leases run out).
    for (let i = 0; i < 3; i++) {
      expect(
        await claimJobs({ functions: app.functions, workerId: `dead-${i}`, leaseMs: 50, max: 1, keys: [workspaceId] }),
      ).toHaveLength(1);
      await sleep(80);
    }
    driver = await startDriver({
      functions: runCrew,
      workspaces: [workspaceId],
      config: { pollMs: 50, maxCrashes: 3 },
    });

    const done = await waitForRun(run.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/died 3 times/);
    const job = await waitFor(() =>
      db.engineJob.findFirst({
        where: { functionId: "loopllama-run-crew-free", data: { path: ["runId"], equals: run.id } },
      }),
    );
    expect(job).toMatchObject({ status: "failed", crashes: 3 });
    // No model call was made for it.
    expect(done.steps.every((s) => s.status !== "completed")).toBe(true);
  });

  it("runs the sweeps one at a time (concurrency 1 without a key)", async () => {
    const app = await mountApp(functions);
    app.unmount();
    const sweep = app.functions.filter((f) => f.id === "loopllama-sweep-runs");
    await sendEvent([
      { name: "engine/started", data: { workerId: "a" } },
      { name: "engine/started", data: { workerId: "b" } },
    ]);
    const first = await claimJobs({ functions: sweep, workerId: "one", leaseMs: 5000, max: 10 });
    const second = await claimJobs({ functions: sweep, workerId: "two", leaseMs: 5000, max: 10 });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    await completeJob(first[0]!);
    expect(await claimJobs({ functions: sweep, workerId: "three", leaseMs: 5000, max: 10 })).toHaveLength(1);
  });
});
