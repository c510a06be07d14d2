import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/queries/workflow-types";
import { RunBudget } from "./run-budget";

function run(overrides: Partial<Run>): Run {
  return {
    id: "run_1",
    workflowId: "wf_1",
    workflowName: "Triage",
    workflowVersionId: "wv_1",
    version: 1,
    status: "completed",
    input: "Hi",
    output: "Done",
    error: null,
    errorCode: null,
    waitingFor: null,
    sweeps: [],
    forkedFrom: null,
    forkedAtStep: null,
    errorStepIndex: null,
    stepCount: 2,
    visited: [],
    agentId: null,
    eventId: null,
    cancelRequestedAt: null,
    inputTokens: 10,
    outputTokens: 20,
    costUsd: 0.0123,
    triggeredBy: "user",
    createdAt: "2026-12-01T10:00:00.000Z",
    startedAt: "2026-12-01T10:00:00.000Z",
    finishedAt: "2026-12-01T10:01:00.000Z",
    durationMs: 60_000,
    totals: { steps: 2, completedSteps: 2, billedSteps: 2, inputTokens: 10, outputTokens: 20, costUsd: 0.0123 },
    steps: [],
    budget: null,
    ...overrides,
  };
}

const render = (r: Run) => renderToStaticMarkup(createElement(RunBudget, { run: r }));

describe("the run page's budget card", () => {
  it("renders nothing when no budget applies", () => {
    expect(render(run({}))).toBe("");
  });

  it("shows each limit with what it used, and the budget that stopped the run", () => {
    const html = render(
      run({
        status: "failed",
        output: null,
        errorCode: "budget_exceeded",
        error: "Budget exceeded: workflow spend.usd limit 0.01, reached 0.0123",
        budget: {
          limits: [
            {
              source: "run",
              nodeId: null,
              wallClockMinutes: 5,
              wallClockIncludesWaiting: false,
              spendUsd: null,
              usedUsd: 0.0123,
            },
            {
              source: "workflow",
              nodeId: null,
              wallClockMinutes: null,
              wallClockIncludesWaiting: false,
              spendUsd: 0.01,
              usedUsd: 0.0123,
            },
          ],
          usedMinutes: 1,
          waitedMinutes: 0,
          usedUsd: 0.0123,
        },
      }),
    );
    expect(html).toContain("Budget exceeded: workflow spend.usd limit 0.01, reached 0.0123");
    expect(html).toContain("1 of 5 min");
    expect(html).toContain("$0.0123 of $0.0100 · reached");
    expect(html).toContain('aria-label="Workflow spend"');
    expect(html).toContain('aria-valuenow="20"');
  });
});
