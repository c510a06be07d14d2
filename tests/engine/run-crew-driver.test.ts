import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { estimateCost } from "@/lib/models/prices";
import { getRun } from "@/lib/runs/get-run";
import { makeRun, makeWorkspace, THREE_AGENTS, waitFor, waitForRun } from "../support/runs";

let driver: Driver;
let workspaceId: string;

beforeAll(async () => {
  workspaceId = (await makeWorkspace("pro")).id;
  driver = await startDriver({ functions: runCrew, workspaces: [workspaceId], config: { pollMs: 50 } });
});

afterAll(async () => {
  await driver.stop();
});

const requestRun = (runId: string) => sendEvent({ name: RUN_REQUESTED, data: { runId, workspaceId } });

describe("run-crew through the in-process driver", () => {
  it("runs three agents in order, framing prior outputs by role, and totals the run", async () => {
    const { run } = await makeRun({
      workspaceId,
      crew: THREE_AGENTS,
      input: "Plan a launch of our tea subscription box",
    });
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(done.status).toBe("completed");
    const [s1, s2, s3] = done.steps;
    expect(done.steps.every((s) => s.status === "completed")).toBe(true);
    expect(s1!.output).toMatch(/^\[simulated claude-sonnet-4-6\] Plan for:/);

    // Agent 1 saw the input as is; agent 2 saw the input plus agent 1's output framed by its role.
    const [input1, input2, input3] = (await getRun(scopeFor(workspaceId), run.id, { includeInputs: true })).steps.map(
      (s) => s.input!,
    );
    expect(input1!.system).toBe(THREE_AGENTS[0]!.systemPrompt);
    expect(input1!.messages[0]!.content).toBe(run.input);
    expect(input2!.system).toBe(THREE_AGENTS[1]!.systemPrompt);
    expect(input2!.messages[0]!.content).toContain(run.input);
    expect(input2!.messages[0]!.content).toContain(`## Output of step 1 (planner)\n${s1!.output}`);
    expect(input3!.messages[0]!.content).toContain(`## Output of step 2 (researcher)\n${s2!.output}`);
    // What is stored references the earlier outputs instead of copying them.
    expect(JSON.stringify(s3!.input)).not.toContain(s2!.output!);

    expect(done.output).toBe(s3!.output);
    expect(done.error).toBeNull();
    for (const s of done.steps) {
      expect(s.inputTokens).toBeGreaterThan(0);
      expect(s.outputTokens).toBe(Math.ceil(s.output!.length / 4));
      expect(s.startedAt).not.toBeNull();
      expect(s.finishedAt!.getTime()).toBeGreaterThanOrEqual(s.startedAt!.getTime());
      // Timestamps written by the engine agree with those Prisma writes (same clock and zone).
      expect(s.startedAt!.getTime()).toBeGreaterThanOrEqual(done.createdAt.getTime());
      expect(s.finishedAt!.getTime()).toBeLessThanOrEqual(done.finishedAt!.getTime());
      expect(Number(s.costUsd)).toBeCloseTo(estimateCost(s.model, s.inputTokens, s.outputTokens).usd, 6);
    }
    expect(done.inputTokens).toBe(done.steps.reduce((n, s) => n + s.inputTokens, 0));
    expect(done.outputTokens).toBe(done.steps.reduce((n, s) => n + s.outputTokens, 0));
    expect(Number(done.costUsd)).toBeGreaterThan(0);
    expect(done.usageEvent).toMatchObject({ steps: 3, inputTokens: done.inputTokens, outputTokens: done.outputTokens });

    // The journal holds one entry per agent plus start, finish and the run/finished event,
    // under the step ids Inngest uses (the SHA-1 of each step's name).
    const job = await db.engineJob.findFirstOrThrow({
      where: { eventName: RUN_REQUESTED, data: { path: ["runId"], equals: run.id } },
    });
    await waitFor(async () => (await db.engineJob.findUnique({ where: { id: job.id } }))?.status === "completed");
    const journal = await db.engineStep.findMany({ where: { jobId: job.id } });
    const hashed = (name: string) => createHash("sha1").update(name).digest("hex");
    expect(journal.map((j) => j.stepId).sort()).toEqual(
      ["agent-1", "agent-2", "agent-3", "finish", "run-finished", "start"].map(hashed).sort(),
    );
  });

  it("fails the run at step 2 of 3 with its index and role, keeping step 1, with one usage event", async () => {
    const crew = [
      THREE_AGENTS[0]!,
      { role: "researcher", systemPrompt: "Extract facts. [[simulate:error:Invalid request: prompt is too long]]" },
      THREE_AGENTS[2]!,
    ];
    const { run } = await makeRun({ workspaceId, crew });
    await requestRun(run.id);
    const done = await waitForRun(run.id);

    expect(done.status).toBe("failed");
    expect(done.error).toContain("Step 2 of 3 (researcher)");
    expect(done.error).toContain("Invalid request: prompt is too long");
    expect(done.errorStepIndex).toBe(done.steps[1]!.index);
    expect(done.steps.map((s) => s.status)).toEqual(["completed", "failed", "cancelled"]);
    expect(done.steps[0]!.output).toBeTruthy();
    expect(done.steps[1]!.error).toBe("Invalid request: prompt is too long");
    expect(done.steps[2]!.startedAt).toBeNull();
    expect(done.output).toBeNull();
    const events = await db.usageEvent.findMany({ where: { runId: run.id } });
    expect(events).toHaveLength(1);
    // The failed step is billed too (its call answered nothing, so it adds no tokens).
    expect(events[0]).toMatchObject({ steps: 2, inputTokens: done.steps[0]!.inputTokens });
  });

  it("retries transient model errors and completes", async () => {
    const crew = [{ role: "writer", systemPrompt: "Write it. [[simulate:overloaded:2]]" }];
    const { run } = await makeRun({ workspaceId, crew });
    await requestRun(run.id);
    const done = await waitForRun(run.id);
    expect(done.status).toBe("completed");
    expect(done.steps[0]!.attempts).toBe(3);
  });

  it("stops at the next step boundary when the run is cancelled", async () => {
    const crew = [
      { role: "planner", systemPrompt: "Plan it. [[simulate:slow:700]]" },
      THREE_AGENTS[1]!,
      THREE_AGENTS[2]!,
    ];
    const { run } = await makeRun({ workspaceId, crew });
    await requestRun(run.id);
    await waitFor(
      async () => (await db.step.findFirst({ where: { runId: run.id, index: 0, status: "running" } })) !== null,
    );
    await db.run.update({ where: { id: run.id }, data: { cancelRequestedAt: new Date() } });
    const done = await waitForRun(run.id);

    expect(done.status).toBe("cancelled");
    expect(done.steps.map((s) => s.status)).toEqual(["completed", "cancelled", "cancelled"]);
    // Step 2's model was never called.
    expect(done.steps[1]!.startedAt).toBeNull();
    expect(done.steps[1]!.attempts).toBe(0);
    // The turn that ran is counted once; see finishRun.
    expect(await db.usageEvent.count({ where: { runId: run.id } })).toBe(1);
  });

  it("records one usage event and repeats no model call when the function runs again from scratch", async () => {
    const { run } = await makeRun({ workspaceId, crew: THREE_AGENTS });
    await requestRun(run.id);
    const first = await waitForRun(run.id);
    const job = await db.engineJob.findFirstOrThrow({
      where: { eventName: RUN_REQUESTED, data: { path: ["runId"], equals: run.id } },
    });
    await waitFor(async () => (await db.engineJob.findUnique({ where: { id: job.id } }))?.status === "completed");

    // As if every journal entry were lost and the function retried.
    await db.engineStep.deleteMany({ where: { jobId: job.id } });
    await db.engineJob.update({
      where: { id: job.id },
      data: { status: "queued", runAt: new Date(), finishedAt: null },
    });
    driver.wake();
    await waitFor(async () => (await db.engineJob.findUnique({ where: { id: job.id } }))?.status === "completed");

    const again = await waitForRun(run.id);
    expect(again.status).toBe("completed");
    expect(await db.usageEvent.count({ where: { runId: run.id } })).toBe(1);
    expect(again.usageEvent!.id).toBe(first.usageEvent!.id);
    for (const [i, s] of again.steps.entries()) {
      expect(s.attempts).toBe(1);
      expect(s.finishedAt).toEqual(first.steps[i]!.finishedAt);
    }
  });
});

describe("starting a run", () => {
  it("is woken by the run's event: a driver whose poll would not come for an hour starts it at once", async () => {
    const ws = (await makeWorkspace("pro")).id;
    const idle = await startDriver({ functions: runCrew, workspaces: [ws], config: { pollMs: 3_600_000 } });
    try {
      // Its start-up poll has come and gone.
      await new Promise((r) => setTimeout(r, 200));
      const { run } = await makeRun({ workspaceId: ws, crew: [{ role: "writer", systemPrompt: "Write." }] });
      await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId: ws } });
      expect((await waitForRun(run.id, 30_000)).status).toBe("completed");
    } finally {
      await idle.stop();
    }
  });
});
