import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { sendEvent } from "@/lib/engine/send-event";
import { registerLocalResponder } from "@/lib/models/local-responders";
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
    expect(await db.usageEvent.count({ where: { runId: run.id } })).toBe(1);
  }, 90_000);
});
