import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { POST as fork } from "@/app/api/v1/runs/[id]/fork/route";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { registerLocalResponder } from "@/lib/models/local-responders";
import { apiRequest, call, makeUser } from "../support/factory";
import { waitFor } from "../support/runs";
import { createOk } from "../graph/helpers";
import { finished, runWhen, startRun } from "../approvals/helpers";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

const chain = {
  name: "Fork crash",
  model: "claude-sonnet-4-6",
  graph: {
    start: "plan",
    nodes: [
      { id: "plan", role: "planner", systemPrompt: "Plan it." },
      { id: "write", role: "writer", systemPrompt: "Write it." },
      { id: "edit", role: "editor", systemPrompt: "Edit it." },
    ],
    edges: [
      { from: "plan", to: "write" },
      { from: "write", to: "edit" },
      { from: "edit", to: "END" },
    ],
  },
};

describe("a fork killed mid-run", () => {
  it("resumes after the restart without running its reused steps, and bills only its own", async () => {
    const user = await makeUser("fork-crash");
    const callLog = path.join(mkdtempSync(path.join(tmpdir(), "fork-crash-")), "calls.jsonl");
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/engine-child.ts"],
      {
        cwd: process.cwd(),
        env: { ...process.env, CALL_LOG: callLog, WORKSPACE_ID: user.workspaceId, ENGINE_LEASE_MS: "1000" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let childErr = "";
    child.stderr.on("data", (d: Buffer) => (childErr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, signal) => resolve(signal)));

    const originalId = await startRun(user, await createOk(user, chain));
    const original = await runWhen(user, originalId, finished, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; child stderr: ${childErr}`);
    });
    expect(original.status).toBe("completed");
    const res = await call(
      fork,
      apiRequest(
        "POST",
        `/api/v1/runs/${originalId}/fork`,
        { token: user.token },
        { fromStep: 1, overrides: { nodes: { write: { systemPrompt: "Write it slowly. [[simulate:slow:2500]]" } } } },
      ),
      { id: originalId },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const forkId = res.body.id as string;
    // The fork's own first step is inside its model call.
    await waitFor(() => db.step.findFirst({ where: { runId: forkId, index: 1, status: "running" } }), 60_000);
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
      workspaces: [user.workspaceId],
      config: { pollMs: 50, leaseMs: 1000 },
    });
    const done = await runWhen(user, forkId, finished, 90_000);
    expect(done.status).toBe("completed");
    expect(done.visited).toEqual(["plan", "write", "edit"]);
    expect(done.steps[0]).toMatchObject({ reused: true, output: original.steps[0].output });

    const calls = readFileSync(callLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { pid: number; role: string });
    // After the restart only the fork's own steps call a model; the planner never runs again.
    expect(calls.filter((c) => c.pid === process.pid).map((c) => c.role)).toEqual(["writer", "editor"]);
    expect(calls.filter((c) => c.role === "planner")).toHaveLength(1);
    const usage = await db.usageEvent.findFirstOrThrow({ where: { runId: forkId } });
    expect(usage.steps).toBe(2);
  }, 180_000);
});
