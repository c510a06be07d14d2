import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { startDriver, type Driver } from "@/lib/engine/driver";
import { makeUser } from "../support/factory";
import { createOk } from "../graph/helpers";
import { answerAs, finished, reviewed, runWhen, startRun, waitingAt } from "./helpers";

let driver: Driver | undefined;
afterAll(async () => {
  await driver?.stop();
});

describe("a run killed while it waits for an approval", () => {
  it("loses nothing: answered after the restart, it goes on without repeating the draft", async () => {
    const user = await makeUser("crash-approval");
    const callLog = path.join(mkdtempSync(path.join(tmpdir(), "approval-crash-")), "calls.jsonl");
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

    const runId = await startRun(user, await createOk(user, reviewed()));
    const waiting = await waitingAt(user, runId, 1, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}; child stderr: ${childErr}`);
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Answered while no engine runs: the answer is recorded, and the run waits on for an engine.
    expect((await answerAs({ token: user.token }, runId, { decision: "approved" })).status).toBe(200);
    driver = await startDriver({
      functions: runCrew,
      workspaces: [user.workspaceId],
      config: { pollMs: 50, leaseMs: 1000 },
    });
    const done = await runWhen(user, runId, finished, 90_000);
    expect(done.status).toBe("completed");
    expect(done.visited).toEqual(["draft", "review", "publish"]);
    const draft = done.steps[0]!;
    expect(draft.attempts).toBe(1);
    expect(draft.output).toBe(waiting.steps[0]!.output);
    const roles = readFileSync(callLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { role: string }).role);
    expect(roles).toEqual(["writer"]);
    expect(await db.usageEvent.count({ where: { runId } })).toBe(1);
  }, 150_000);
});
