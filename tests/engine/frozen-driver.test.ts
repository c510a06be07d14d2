import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { env } from "@/lib/env";
import { mountApp } from "@/lib/engine/app";
import { sendEvent } from "@/lib/engine/send-event";
import { createRun, runRequestedEvent } from "@/lib/runs/create-run";
import { makeRun, makeWorkspace, waitFor, waitForRun } from "../support/runs";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("database sessions", () => {
  it("are bounded: a statement, a lock wait and an idle open transaction each end", async () => {
    const [row] = await db.$queryRaw<{ statement: string; lock: string; idle: string }[]>`
      SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
        current_setting('idle_in_transaction_session_timeout') AS idle`;
    const e = env();
    expect(row).toEqual({
      statement: `${e.DATABASE_STATEMENT_TIMEOUT_MS / 1000}s`,
      lock: `${e.DATABASE_LOCK_TIMEOUT_MS / 1000}s`,
      idle: `${e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS / 1000}s`,
    });
  });
});

describe("a driver process whose event loop is frozen while it holds a claim", () => {
  it("holds nobody up: another driver keeps claiming, and runs are still admitted, in its workspace too", async () => {
    const frozenWs = (await makeWorkspace("pro")).id;
    const otherWs = (await makeWorkspace("pro")).id;
    const { run: held } = await makeRun({
      workspaceId: frozenWs,
      crew: [
        { role: "planner", systemPrompt: "Plan." },
        { role: "writer", systemPrompt: "Write. [[simulate:slow:2000]]" },
      ],
    });
    const { workflow: other } = await makeRun({ workspaceId: otherWs, crew: [{ role: "writer", systemPrompt: "W." }] });
    const callLog = path.join(mkdtempSync(path.join(tmpdir(), "engine-frozen-")), "calls.jsonl");
    writeFileSync(callLog, "");
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/engine-child.ts"],
      {
        cwd: process.cwd(),
        env: { ...process.env, CALL_LOG: callLog, WORKSPACE_ID: frozenWs, ENGINE_LEASE_MS: "1000" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let childErr = "";
    child.stderr.on("data", (d: Buffer) => (childErr += d.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    try {
      await new Promise((r) => child.stdout.on("data", (d: Buffer) => d.toString().includes("started") && r(null)));
      const served = await mountApp(runCrew);
      await sendEvent(runRequestedEvent(held.id, frozenWs, "pro", frozenWs));
      served.unmount();
      // The child finished the planner and is inside the writer's model call: freeze it there.
      await waitFor(async () => {
        const writer = await db.step.findFirst({ where: { runId: held.id, index: 1, status: "running" } });
        const job = await db.engineJob.findFirst({
          where: { eventName: "run/requested", data: { path: ["runId"], equals: held.id } },
        });
        return writer && job?.lockedBy?.includes(`:${child.pid}:`);
      }, 60_000).catch((err: Error) => {
        throw new Error(`${err.message}; child stderr: ${childErr}`);
      });
      child.kill("SIGSTOP");

      // While it stays frozen, this process admits new runs (in both workspaces) and runs them all,
      // and takes over the frozen driver's job once its lease has run out.
      driver = await startDriver({
        functions: runCrew,
        workspaces: [frozenWs, otherWs],
        config: { pollMs: 50, leaseMs: 1000 },
      });
      const created = await Promise.all([
        ...Array.from({ length: 3 }, () =>
          createRun(scopeFor(frozenWs), { workflowId: held.workflowId, input: "More tea.", triggeredBy: "user" }),
        ),
        ...Array.from({ length: 3 }, () =>
          createRun(scopeFor(otherWs), { workflowId: other.id, input: "Other tea.", triggeredBy: "user" }),
        ),
      ]);
      const done = await Promise.all([held, ...created.map((c) => c.run)].map((r) => waitForRun(r.id, 60_000)));
      expect(done.map((r) => r.status)).toEqual(Array(7).fill("completed"));
      // The run is finished by its last step; its job is marked done just after the function returns.
      const heldJob = () =>
        db.engineJob.findFirstOrThrow({
          where: { eventName: "run/requested", data: { path: ["runId"], equals: held.id } },
        });
      await waitFor(async () => (await heldJob()).status === "completed");
      expect(await heldJob()).toMatchObject({ status: "completed", crashes: 1 });
      // Still frozen: none of that waited for it.
      expect(child.exitCode).toBeNull();
      const [planner, writer] = done[0]!.steps;
      expect(planner!.attempts).toBe(1);
      expect(writer!.attempts).toBe(2);
      child.kill("SIGCONT");
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
  }, 120_000);
});
