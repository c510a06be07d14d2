import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { runCrew } from "@/inngest/functions/run-crew";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { executeStep } from "@/lib/execution/execute-step";
import { getStepInput } from "@/lib/runs/get-step-input";
import { startRun } from "@/lib/execution/start-run";
import { makeRun, makeWorkspace, THREE_AGENTS } from "../support/runs";

// Sending `run/finished` would need an Inngest server: that step is mocked.
const sent = { id: "run-finished", handler: () => ({ ids: ["evt-test"] }) };

describe("run-crew under @inngest/test", () => {
  it("runs one step per agent and reports the finished run", async () => {
    const workspaceId = (await makeWorkspace()).id;
    const { run } = await makeRun({ workspaceId, crew: THREE_AGENTS });
    const t = new InngestTestEngine({ function: runCrew[1]! });

    const { result, ctx } = await t.execute({
      events: [{ name: "run/requested", data: { runId: run.id, workspaceId } }],
      steps: [sent],
    });

    expect(result).toEqual({ runId: run.id, status: "completed" });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]);
    expect(stepIds).toEqual(["start", "agent-1", "agent-2", "agent-3", "finish"]);
    const usage = await db.usageEvent.findUniqueOrThrow({ where: { runId: run.id } });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("run-finished", [
      expect.objectContaining({
        name: "run/finished",
        data: expect.objectContaining({ runId: run.id, workspaceId, status: "completed", agentTickId: null }),
      }),
      expect.objectContaining({ name: "usage/recorded", data: { usageEventId: usage.id, workspaceId } }),
    ]);
    const saved = await db.run.findUniqueOrThrow({ where: { id: run.id }, include: { steps: true } });
    expect(saved.status).toBe("completed");
    expect(saved.steps.every((s) => s.status === "completed")).toBe(true);
  });

  it("stops after a failed agent and still finishes the run", async () => {
    const workspaceId = (await makeWorkspace()).id;
    const crew = [{ role: "planner", systemPrompt: "[[simulate:error]]" }, THREE_AGENTS[2]!];
    const { run } = await makeRun({ workspaceId, crew });
    const t = new InngestTestEngine({ function: runCrew[1]! });

    const { result, ctx } = await t.execute({
      events: [{ name: "run/requested", data: { runId: run.id, workspaceId } }],
      steps: [sent],
    });

    expect(result).toEqual({ runId: run.id, status: "failed" });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]);
    expect(stepIds).toEqual(["start", "agent-1", "finish"]);
    const saved = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(saved.error).toMatch(/^Step 1 of 2 \(planner\) failed: Simulated permanent model error/);
  });

  it("resumes after the last completed agent: replayed steps do not run again", async () => {
    const workspaceId = (await makeWorkspace()).id;
    const { run } = await makeRun({ workspaceId, crew: THREE_AGENTS });
    // A first attempt got through agent 1, then died.
    const scope = scopeFor(workspaceId);
    const started = await startRun(scope, run.id);
    const agent1 = await executeStep({ scope, runId: run.id }, 0);
    const before = await db.step.findFirstOrThrow({ where: { runId: run.id, index: 0 } });

    // The retry replays "start" and "agent-1" from state, as Inngest would.
    const t = new InngestTestEngine({ function: runCrew[1]! });
    const { result, ctx } = await t.execute({
      events: [{ name: "run/requested", data: { runId: run.id, workspaceId } }],
      steps: [{ id: "start", handler: () => started }, { id: "agent-1", handler: () => agent1 }, sent],
    });

    expect(result).toEqual({ runId: run.id, status: "completed" });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]);
    expect(stepIds).toEqual(["start", "agent-1", "agent-2", "agent-3", "finish"]);
    const steps = await db.step.findMany({ where: { runId: run.id }, orderBy: { index: "asc" } });
    expect(steps[0]!.attempts).toBe(1);
    expect(steps[0]!.finishedAt).toEqual(before.finishedAt);
    expect(steps.map((s) => s.attempts)).toEqual([1, 1, 1]);
    const input = await getStepInput(scope, run.id, steps[1]!.id);
    expect(input.input!.messages[0]!.content).toContain(before.output!);
  });
});
