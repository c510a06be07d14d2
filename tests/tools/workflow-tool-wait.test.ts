import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import type { Durable } from "@/lib/execution/execution";
import { runWorkflowVersion } from "@/lib/execution/run-workflow-version";
import { WORKFLOW_WAIT_ROUNDS } from "@/lib/execution/tool-loop";
import { makeRun, makeWorkspace } from "../support/runs";

/**
 * A run whose one agent calls another workflow as a tool, run through the
 * execution's entry with the engine's step tools played inline: each durable
 * step runs at once and its id is recorded, and the wait for the child's
 * run/finished answers as `wait` says. Nothing runs the child run: `wait`
 * (or `childEnds`) ends it by hand.
 */
async function runWithChild(options: {
  /** Round k's wait: "timeout" (null) or "event" (its run/finished came); it may end the child first. */
  wait: (round: number, endChild: () => Promise<void>) => Promise<"timeout" | "event">;
  /** End the child as soon as the tool call has started it (before the first check). */
  childEndsAtOnce?: boolean;
}) {
  const workspaceId = (await makeWorkspace("pro")).id;
  const helper = await makeRun({ workspaceId, crew: [{ role: "helper", systemPrompt: "Help." }] });
  const helperId = helper.workflow.id;
  const { run } = await makeRun({
    workspaceId,
    crew: [
      {
        role: "caller",
        systemPrompt: `[[simulate:tool:workflow_${helperId}:{"input":"hello"}]]`,
        tools: [`workflow:${helperId}`],
      },
    ],
  });
  const endChild = async () => {
    await db.run.updateMany({
      where: { idempotencyKey: { startsWith: `tool:${run.id}:` } },
      data: { status: "completed", output: "child says hi", finishedAt: new Date() },
    });
  };
  const ids: string[] = [];
  let waits = 0;
  const durable: Durable = async (id, fn) => {
    ids.push(id);
    const result = await fn();
    if (id === "agent-1-tool-1" && options.childEndsAtOnce) await endChild();
    return result;
  };
  const finished = await runWorkflowVersion({
    scope: scopeFor(workspaceId),
    runId: run.id,
    step: {
      run: durable,
      waitForRun: async (id) => {
        ids.push(id);
        return (await options.wait(++waits, endChild)) === "event" ? {} : null;
      },
      waitForApproval: () => Promise.reject(new Error("This workflow has no approval step")),
    },
  });
  const step = await db.step.findFirstOrThrow({ where: { runId: run.id, index: 0 } });
  const calls = await db.toolCall.findMany({ where: { stepId: step.id } });
  return { finished, ids, waits, calls };
}

describe("a workflow tool's wait, through the run's execution", () => {
  it("does not wait for a child run that ended before the wait could start", async () => {
    const { finished, ids, waits, calls } = await runWithChild({ childEndsAtOnce: true, wait: async () => "timeout" });
    expect(finished.status).toBe("completed");
    expect(waits).toBe(0);
    expect(ids).toEqual([
      "start",
      "agent-1",
      "agent-1-tool-1",
      "agent-1-tool-1-check-1",
      "agent-1-tool-1-result",
      "agent-1-model-2",
      "finish",
    ]);
    expect(calls.map((c) => [c.result, c.error])).toEqual([["child says hi", null]]);
  });

  it("checks again after a wait that timed out, and stops at the child's run/finished", async () => {
    const timedOutTwice = await runWithChild({
      wait: async (round, endChild) => {
        if (round === 2) await endChild();
        return "timeout";
      },
    });
    expect(timedOutTwice.waits).toBe(2);
    expect(timedOutTwice.ids).toContain("agent-1-tool-1-check-3");
    expect(timedOutTwice.ids).not.toContain("agent-1-tool-1-wait-3");
    expect(timedOutTwice.calls.map((c) => c.result)).toEqual(["child says hi"]);

    const event = await runWithChild({
      wait: async (round, endChild) => {
        if (round < 2) return "timeout";
        await endChild();
        return "event";
      },
    });
    expect(event.waits).toBe(2);
    expect(event.ids).toContain("agent-1-tool-1-wait-2");
    expect(event.ids).not.toContain("agent-1-tool-1-check-3");
    expect(event.calls.map((c) => c.result)).toEqual(["child says hi"]);
  });

  it("gives up after its rounds and settles the call: the model is told the run did not finish", async () => {
    const never = await runWithChild({ wait: async () => "timeout" });
    expect(never.waits).toBe(WORKFLOW_WAIT_ROUNDS);
    expect(never.ids).toContain("agent-1-tool-1-result");
    expect(never.calls.map((c) => [c.result, c.error])).toEqual([[null, "The workflow's run did not finish in time"]]);
  });
});
