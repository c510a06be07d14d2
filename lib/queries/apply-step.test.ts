import { describe, expect, it } from "vitest";
import { applyStep } from "./apply-step";
import type { Run, RunStep } from "./workflow-types";

function step(index: number, status: RunStep["status"] = "completed"): RunStep {
  return {
    id: `s${index}`,
    index,
    role: "agent",
    model: "m",
    nodeId: `agent-${index + 1}`,
    visit: 1,
    branch: null,
    data: null,
    status,
    inputSize: null,
    output: null,
    error: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    attempts: 0,
    interruptions: 0,
    reused: false,
    approval: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  };
}

const run = (steps: RunStep[]) => ({ id: "r", steps }) as Run;

describe("applyStep", () => {
  it("replaces a step it has", () => {
    const next = applyStep(run([step(0, "running"), step(1, "pending")]), step(0));
    expect(next.steps.map((s) => s.status)).toEqual(["completed", "pending"]);
  });

  it("adds a step a graph run visited after the page loaded, in index order", () => {
    const next = applyStep(run([step(0), step(2)]), { ...step(1, "running"), nodeId: "billing" });
    expect(next.steps.map((s) => [s.index, s.nodeId])).toEqual([
      [0, "agent-1"],
      [1, "billing"],
      [2, "agent-3"],
    ]);
  });
});
