import { describe, expect, it } from "vitest";
import { budgetProblem } from "./budget-limits";

describe("budgetProblem", () => {
  it("writes tiny limits and amounts without an exponent", () => {
    const limits = [{ source: "run" as const, nodeId: null, wallClockMinutes: 1e-7, spendUsd: null }];
    expect(budgetProblem(limits, { minutes: 2.5e-7, usd: 0, nodeUsd: {} }, null)).toBe(
      "Budget exceeded: run wall_clock limit 0.0000001 minutes, reached 0.00000025 minutes",
    );
    const spend = [{ source: "workflow" as const, nodeId: null, wallClockMinutes: null, spendUsd: 1e-7 }];
    expect(budgetProblem(spend, { minutes: 0, usd: 0.000000123, nodeUsd: {} }, null)).toBe(
      "Budget exceeded: workflow spend.usd limit 0.0000001, reached 0.000000123",
    );
  });
});
