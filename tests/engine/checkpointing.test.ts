/**
 * Inngest's checkpoint API as the SDK in the lockfile uses it. The SDK's
 * checkpointing is not in its public spec, so these tests pin what the
 * in-process driver relies on: an upgrade that changes it fails here.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { mountApp } from "@/lib/engine/app";
import { callFunction, type Op } from "@/lib/engine/call-endpoint";
import { receiveCheckpoints } from "@/lib/engine/checkpoints";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { sendEvent } from "@/lib/engine/send-event";
import { waitFor } from "../support/runs";

const ran: string[] = [];
/** Calls of the function's handler: the SDK enters it once per invocation and replays what is journaled. */
let entered = 0;
const threeSteps = inngest.createFunction(
  { id: "test-three-steps", triggers: [{ event: "test/three-steps" }] },
  async ({ step, event }) => {
    entered++;
    const a = await step.run("a", () => (ran.push("a"), 1));
    const b = await step.run("b", () => (ran.push("b"), a + 1));
    const c = await step.run("c", () => (ran.push("c"), b + 1));
    return { sum: a + b + c, tag: (event.data as { tag?: string }).tag };
  },
);

const event = { name: "test/three-steps", id: "evt-1", data: { tag: "x" }, ts: Date.now() };
const baseCall = { fnId: "loopllama-test-three-steps", event, steps: {}, stack: [], attempt: 0, maxAttempts: 1 };

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("the SDK's checkpoint contract (inngest in the lockfile)", () => {
  it("is the SDK version these tests were written against", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages["node_modules/inngest"]?.version).toBe("4.24.0");
  });

  it("runs every step in one call, posting each to /v1/checkpoint/<run>/async as it ends, and returns RunComplete", async () => {
    const app = await mountApp([threeSteps]);
    const received: Op[][] = [];
    const stop = receiveCheckpoints("run-1", "claim-1", async (steps) => void received.push(steps));
    ran.length = 0;
    try {
      const outcome = await callFunction(app.endpoint, {
        ...baseCall,
        runId: "run-1",
        checkpointing: true,
        queueItem: "claim-1",
      });
      expect(ran).toEqual(["a", "b", "c"]);
      // One checkpoint per step (bufferedSteps 1), each a StepRun with the step's result.
      expect(received.map((steps) => steps.map((s) => [s.op, s.data]))).toEqual([
        [["StepRun", 1]],
        [["StepRun", 2]],
        [["StepRun", 3]],
      ]);
      // The function's return comes as a RunComplete op of a 206 answer.
      expect(outcome).toMatchObject({ kind: "ops", ops: [{ op: "RunComplete", data: { sum: 6, tag: "x" } }] });
    } finally {
      stop();
      app.unmount();
    }
  });

  it("stops at a checkpoint refused with 409 (the execution lost its job) and runs no further step", async () => {
    const app = await mountApp([threeSteps]);
    ran.length = 0;
    // No receiver for this run: the in-process API answers 409.
    try {
      const outcome = await callFunction(app.endpoint, { ...baseCall, runId: "run-nobody", checkpointing: true });
      expect(ran).toEqual(["a"]);
      expect(outcome).toMatchObject({ kind: "error", retriable: false });
    } finally {
      app.unmount();
    }
  });

  it("stops at a checkpoint of a call whose claim is no longer the run's (a newer execution holds it)", async () => {
    const app = await mountApp([threeSteps]);
    const received: Op[][] = [];
    const stop = receiveCheckpoints("run-3", "claim-new", async (steps) => void received.push(steps));
    ran.length = 0;
    try {
      const outcome = await callFunction(app.endpoint, {
        ...baseCall,
        runId: "run-3",
        checkpointing: true,
        queueItem: "claim-old",
      });
      expect(ran).toEqual(["a"]);
      expect(received).toEqual([]);
      expect(outcome).toMatchObject({ kind: "error", retriable: false });
    } finally {
      stop();
      app.unmount();
    }
  });

  it("runs one step per call without checkpointing on a retry", async () => {
    const app = await mountApp([threeSteps]);
    const stop = receiveCheckpoints("run-2", "claim-2", async () => {
      throw new Error("no checkpoint expected");
    });
    ran.length = 0;
    try {
      const retry = await callFunction(app.endpoint, {
        ...baseCall,
        runId: "run-2",
        attempt: 1,
        checkpointing: true,
        queueItem: "claim-2",
      });
      expect(ran).toEqual(["a"]);
      expect(retry).toMatchObject({ kind: "ops", ops: [{ op: "StepRun", data: 1 }] });
    } finally {
      stop();
      app.unmount();
    }
  });
});

describe("the in-process driver with checkpointing", () => {
  it("runs a function's steps in one invocation and journals each step", async () => {
    driver = await startDriver({ functions: [threeSteps], config: { pollMs: 50 } });
    ran.length = 0;
    entered = 0;
    await sendEvent({ name: "test/three-steps", id: `three-${Date.now()}`, data: { tag: "driver" } });
    const job = await waitFor(
      () => db.engineJob.findFirst({ where: { functionId: "loopllama-test-three-steps", status: "completed" } }),
      30_000,
    );
    expect(ran).toEqual(["a", "b", "c"]);
    // One invocation; a request per step would have entered it four times, replaying the steps before.
    expect(entered).toBe(1);
    const journal = await db.engineStep.findMany({ where: { jobId: job.id }, orderBy: { createdAt: "asc" } });
    expect(journal.map((s) => s.result)).toEqual([
      { type: "data", data: 1 },
      { type: "data", data: 2 },
      { type: "data", data: 3 },
    ]);
  });
});
