import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { mountApp } from "@/lib/engine/app";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { registerLocalResponder } from "@/lib/models/local-responders";
import { runRequestedEvent } from "@/lib/runs/create-run";
import { parallelSteps } from "../support/parallel-function";
import { makeRun, makeWorkspace, THREE_AGENTS, waitFor, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("crash and resume", () => {
  it("resumes after the last completed agent when the driver process is killed", async () => {
    const workspaceId = (await makeWorkspace("pro")).id;
    const crew = [
      THREE_AGENTS[0]!,
      { role: "researcher", systemPrompt: "Extract the key facts. [[simulate:slow:1500]]" },
      THREE_AGENTS[2]!,
    ];
    const { run } = await makeRun({ workspaceId, crew });
    const callLog = path.join(mkdtempSync(path.join(tmpdir(), "engine-crash-")), "calls.jsonl");

    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/engine-child.ts"],
      {
        cwd: process.cwd(),
        env: { ...process.env, CALL_LOG: callLog, WORKSPACE_ID: workspaceId, ENGINE_LEASE_MS: "1000" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let childErr = "";
    child.stderr.on("data", (d: Buffer) => (childErr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );

    await sendEvent({ name: RUN_REQUESTED, data: { runId: run.id, workspaceId } });
    // Step 1 finished and step 2 is in its (slow) model call: kill the process.
    const step1 = await waitFor(async () => {
      const s = await db.step.findFirst({ where: { runId: run.id, index: 1, status: "running" } });
      return s ? db.step.findFirstOrThrow({ where: { runId: run.id, index: 0 } }) : null;
    }, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; child stderr: ${childErr}`);
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(step1.status).toBe("completed");

    // A new driver (this process) picks the job up once the dead one's lease expires.
    registerLocalResponder({
      id: "call-log",
      respond(req) {
        appendFileSync(callLog, `${JSON.stringify({ pid: process.pid, role: req.role })}\n`);
        return null;
      },
    });
    driver = await startDriver({
      functions: runCrew,
      workspaces: [workspaceId],
      config: { pollMs: 50, leaseMs: 1000 },
    });
    const done = await waitForRun(run.id, 30_000);

    expect(done.status).toBe("completed");
    const calls = readFileSync(callLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { pid: number; role: string });
    // The child answered step 1 only (it died inside step 2); this process answered steps 2 and 3.
    expect(calls.filter((c) => c.pid === child.pid).map((c) => c.role)).toEqual(["planner"]);
    expect(calls.filter((c) => c.pid === process.pid).map((c) => c.role)).toEqual(["researcher", "writer"]);
    const [s1, s2] = done.steps;
    expect(s1!.attempts).toBe(1);
    expect(s1!.finishedAt).toEqual(step1.finishedAt);
    expect(s1!.output).toBe(step1.output);
    expect(s2!.attempts).toBe(2);
    // The call that was in flight when the process died is on record: it was made again.
    expect([s1!.interruptions, s2!.interruptions, done.steps[2]!.interruptions]).toEqual([0, 1, 0]);
    expect(s2!.callInFlight).toBe(false);
    expect(await db.usageEvent.count({ where: { runId: run.id } })).toBe(1);
  }, 90_000);
});

interface LogLine {
  pid: number;
  step?: string;
  phase?: string;
  role?: string;
  run?: string | null;
}

function spawnDriver(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/support/engine-child.ts"],
    { cwd: process.cwd(), env: { ...process.env, ENGINE_LEASE_MS: "1000", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  return { child, exited, stderr: () => stderr };
}

function readLog(file: string): LogLine[] {
  try {
    return readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  } catch {
    return [];
  }
}

describe("crash and resume with parallel steps", () => {
  it("keeps the parallel step that finished and re-runs the one in flight when the process is killed", async () => {
    const workspaceId = (await makeWorkspace("pro")).id;
    const callLog = path.join(mkdtempSync(path.join(tmpdir(), "engine-parallel-")), "calls.jsonl");
    process.env.CALL_LOG = callLog;
    const { child, exited, stderr } = spawnDriver({
      CALL_LOG: callLog,
      WORKSPACE_ID: workspaceId,
      FUNCTIONS: "parallel",
    });

    // Events start the functions this process serves: serve the test function here too.
    const served = await mountApp([parallelSteps]);
    await sendEvent({ name: "test/parallel", data: { workspaceId } });
    served.unmount();
    // Both steps were planned and ran side by side; the fast one is journaled, the slow one is in flight.
    const job = await waitFor(
      () =>
        db.engineJob.findFirst({ where: { functionId: "loopllama-test-parallel-steps", concurrencyKey: workspaceId } }),
      60_000,
    );
    await waitFor(async () => {
      const log = readLog(callLog);
      const journaled = await db.engineStep.count({ where: { jobId: job.id } });
      return journaled === 1 && log.some((l) => l.step === "slow" && l.phase === "start");
    }, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; child stderr: ${stderr()}`);
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const resumed = await startDriver({
      functions: [parallelSteps],
      workspaces: [workspaceId],
      config: { pollMs: 50, leaseMs: 1000 },
    });
    await waitFor(
      async () => (await db.engineJob.findUnique({ where: { id: job.id } }))?.status === "completed",
      30_000,
    );
    await resumed.stop();

    const starts = readLog(callLog).filter((l) => l.phase === "start");
    const by = (step: string) =>
      starts.filter((l) => l.step === step).map((l) => (l.pid === child.pid ? "child" : "parent"));
    expect(by("fast")).toEqual(["child"]);
    expect(by("slow")).toEqual(["child", "parent"]);
    expect(by("join")).toEqual(["parent"]);
  }, 90_000);
});

describe("two driver processes on one database", () => {
  it("split the queued runs between them and run no step twice", async () => {
    const workspaceId = (await makeWorkspace("pro")).id;
    const crew = THREE_AGENTS.map((a) => ({ ...a, systemPrompt: `${a.systemPrompt} [[simulate:slow:200]]` }));
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => makeRun({ workspaceId, crew, input: `Run #${i}: a tea guide` })),
    );
    const callLog = path.join(mkdtempSync(path.join(tmpdir(), "engine-two-")), "calls.jsonl");
    // Each process holds at most three jobs, so neither can take the whole queue at once.
    const drivers = [0, 1].map(() =>
      spawnDriver({ CALL_LOG: callLog, WORKSPACE_ID: workspaceId, ENGINE_MAX_PARALLEL: "3" }),
    );
    try {
      await Promise.all(
        drivers.map(
          ({ child }) =>
            new Promise((r) => child.stdout.on("data", (d: Buffer) => d.toString().includes("started") && r(null))),
        ),
      );
      await sendEvent(runs.map(({ run }) => runRequestedEvent(run.id, workspaceId, "pro", workspaceId)));
      const done = await Promise.all(runs.map(({ run }) => waitForRun(run.id, 60_000)));
      expect(done.every((r) => r.status === "completed")).toBe(true);
    } finally {
      for (const d of drivers) d.child.kill("SIGKILL");
    }

    const calls = readLog(callLog);
    // Every (run, agent) model call happened once, and both processes took a share.
    expect(calls).toHaveLength(30);
    expect(new Set(calls.map((c) => `${c.run}|${c.role}`)).size).toBe(30);
    const pids = new Set(calls.map((c) => c.pid));
    expect(pids.size).toBe(2);
    for (const { run } of runs) expect(await db.usageEvent.count({ where: { runId: run.id } })).toBe(1);
  }, 90_000);
});
