import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { sendEvent } from "@/lib/engine/send-event";
import { registerLocalResponder } from "@/lib/models/local-responders";
import { runRequestedEvent } from "@/lib/runs/create-run";
import { makeWorkspace, waitFor, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

/** A graph workflow and a queued run of it, written as the run API writes them. */
async function makeGraphRun(workspaceId: string) {
  const graph = {
    start: "split",
    nodes: [
      { id: "split", role: "splitter", systemPrompt: "Split the work." },
      { id: "fast", role: "fast researcher", systemPrompt: "Research quickly." },
      { id: "slow", role: "slow researcher", systemPrompt: "Research slowly. [[simulate:slow:2500]]" },
      { id: "merge", role: "writer", systemPrompt: "Merge the research.", join: "all" },
    ],
    edges: [
      { from: "split", to: "fast" },
      { from: "split", to: "slow" },
      { from: "fast", to: "merge" },
      { from: "slow", to: "merge" },
      { from: "merge", to: "END" },
    ],
    maxSteps: 50,
    maxVisitsPerNode: 5,
  };
  const workflow = await db.workflow.create({ data: { workspaceId, name: "Crash graph", model: "claude-sonnet-4-6" } });
  const version = await db.workflowVersion.create({
    data: { workspaceId, workflowId: workflow.id, version: 1, graph },
  });
  return db.run.create({
    data: {
      workspaceId,
      workflowId: workflow.id,
      workflowVersionId: version.id,
      input: "Is tea good for you?",
      stepCount: graph.maxSteps,
    },
  });
}

describe("a graph run killed mid-branch", () => {
  it("resumes without repeating the finished branch, then joins", async () => {
    const workspaceId = (await makeWorkspace("pro")).id;
    const run = await makeGraphRun(workspaceId);
    const callLog = path.join(mkdtempSync(path.join(tmpdir(), "graph-crash-")), "calls.jsonl");
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
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, signal) => resolve(signal)));

    await sendEvent(runRequestedEvent(run.id, workspaceId, "pro", workspaceId));
    // The fast branch has finished while the slow one is inside its model call.
    const fast = await waitFor(async () => {
      const steps = await db.step.findMany({ where: { runId: run.id } });
      const f = steps.find((s) => s.nodeId === "fast" && s.status === "completed");
      const s = steps.find((s) => s.nodeId === "slow" && s.status === "running");
      return f && s ? f : null;
    }, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; child stderr: ${childErr}`);
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

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
    const done = await waitForRun(run.id, 60_000);
    expect(done.status).toBe("completed");

    const calls = readFileSync(callLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { pid: number; role: string });
    expect(
      calls
        .filter((c) => c.pid === child.pid)
        .map((c) => c.role)
        .sort(),
    ).toEqual(["fast researcher", "splitter"]);
    expect(calls.filter((c) => c.pid === process.pid).map((c) => c.role)).toEqual(["slow researcher", "writer"]);

    const steps = await db.step.findMany({ where: { runId: run.id }, orderBy: { index: "asc" } });
    expect(steps.map((s) => [s.nodeId, s.visit, s.branch])).toEqual([
      ["split", 1, null],
      ["fast", 1, "fast"],
      ["slow", 1, "slow"],
      ["merge", 1, null],
    ]);
    const again = steps.find((s) => s.nodeId === "fast")!;
    expect(again.attempts).toBe(1);
    expect(again.finishedAt).toEqual(fast.finishedAt);
    const finished = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    // The parallel branches were claimed in either order; each node once.
    expect(finished.visited[0]).toBe("split");
    expect(new Set(finished.visited.slice(1, 3))).toEqual(new Set(["fast", "slow"]));
    expect(finished.visited.slice(3)).toEqual(["merge"]);
    expect(await db.usageEvent.count({ where: { runId: run.id } })).toBe(1);
  }, 120_000);
});
