import { describe, expect, it } from "vitest";
import { budgetProblem, waitedMinutes } from "./budget-limits";

describe("budgetProblem", () => {
  it("writes tiny limits and amounts without an exponent", () => {
    const limits = [
      { source: "run" as const, nodeId: null, wallClockMinutes: 1e-7, wallClockIncludesWaiting: false, spendUsd: null },
    ];
    expect(budgetProblem(limits, { minutes: 2.5e-7, waitedMinutes: 0, usd: 0, nodeUsd: {} }, null)).toBe(
      "Budget exceeded: run wall_clock limit 0.0000001 minutes, reached 0.00000025 minutes",
    );
    const spend = [
      {
        source: "workflow" as const,
        nodeId: null,
        wallClockMinutes: null,
        wallClockIncludesWaiting: false,
        spendUsd: 1e-7,
      },
    ];
    expect(budgetProblem(spend, { minutes: 0, waitedMinutes: 0, usd: 0.000000123, nodeUsd: {} }, null)).toBe(
      "Budget exceeded: workflow spend.usd limit 0.0000001, reached 0.000000123",
    );
  });

  it("leaves waits at approvals out of a wall_clock limit unless it counts them", () => {
    const limit = { source: "run" as const, nodeId: null, wallClockMinutes: 10, spendUsd: null };
    const usage = { minutes: 12, waitedMinutes: 9, usd: 0, nodeUsd: {} };
    expect(budgetProblem([{ ...limit, wallClockIncludesWaiting: false }], usage, null)).toBeNull();
    expect(budgetProblem([{ ...limit, wallClockIncludesWaiting: true }], usage, null)).toBe(
      "Budget exceeded: run wall_clock limit 10 minutes, reached 12 minutes",
    );
  });
});

describe("waitedMinutes", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
  it("adds up the waits from the run's start, counting overlapping waits once and an open one until now", () => {
    const waits = [
      { startedAt: at(2), finishedAt: at(5) },
      { startedAt: at(4), finishedAt: at(6) },
      { startedAt: at(10), finishedAt: null },
    ];
    expect(waitedMinutes(waits, at(0), at(12))).toBe(6);
    expect(waitedMinutes(waits, at(3), at(12))).toBe(5);
    expect(waitedMinutes(waits, null, at(12))).toBe(0);
  });
});
