import { describe, expect, it } from "vitest";
import type { StepOutcome } from "./execute-step";
import { runWithTools, WORKFLOW_WAIT_ROUNDS, type Durable, type WorkflowCalls } from "./tool-loop";

const call = { id: "call-1", name: "workflow_child", input: { input: "go" } };
const toolUse: StepOutcome = { status: "tool_use", text: "", toolCalls: [call], inputTokens: 1, outputTokens: 1 };
const done: StepOutcome = { status: "completed", inputTokens: 2, outputTokens: 2 };

/** Runs the loop with one workflow-tool call; `finishedAfterChecks` says on which check the child has ended. */
async function runWithChild(options: { finishedAfterChecks: number; waitAnswers: (round: number) => unknown }) {
  const ids: string[] = [];
  const durable: Durable = (id, fn) => {
    ids.push(id);
    return fn();
  };
  let checks = 0;
  let waits = 0;
  const workflows: WorkflowCalls = {
    finished: async () => ++checks >= options.finishedAfterChecks,
    wait: async () => options.waitAnswers(++waits),
    settle: async () => ({ toolCallId: call.id, content: "child output" }),
  };
  const outcome = await runWithTools(
    durable,
    "agent-1",
    async () => toolUse,
    async () => done,
    async () => ({ childRunId: "child", startedAt: 0 }),
    workflows,
  );
  return { outcome, ids, waits };
}

describe("a workflow tool's wait", () => {
  it("does not wait for a child run that ended before the wait could start", async () => {
    const { outcome, ids, waits } = await runWithChild({ finishedAfterChecks: 1, waitAnswers: () => null });
    expect(outcome).toEqual(done);
    expect(waits).toBe(0);
    expect(ids).toEqual([
      "agent-1",
      "agent-1-tool-1",
      "agent-1-tool-1-check-1",
      "agent-1-tool-1-result",
      "agent-1-model-2",
    ]);
  });

  it("checks again after a wait that timed out, and stops at the child's run/finished", async () => {
    const timedOutTwice = await runWithChild({ finishedAfterChecks: 3, waitAnswers: () => null });
    expect(timedOutTwice.waits).toBe(2);
    expect(timedOutTwice.ids).toContain("agent-1-tool-1-check-3");

    const event = await runWithChild({ finishedAfterChecks: 99, waitAnswers: (round) => (round === 2 ? {} : null) });
    expect(event.waits).toBe(2);
    expect(event.ids).not.toContain("agent-1-tool-1-check-3");
  });

  it("gives up after its rounds and settles the call (the result says the run did not finish)", async () => {
    const never = await runWithChild({ finishedAfterChecks: Infinity, waitAnswers: () => null });
    expect(never.waits).toBe(WORKFLOW_WAIT_ROUNDS);
    expect(never.ids).toContain("agent-1-tool-1-result");
  });
});
