import { describe, expect, it } from "vitest";
import { budgetRows, formatMinutes } from "./budget-rows";

describe("budget rows", () => {
  it("list each limit with what it used, and mark the ones reached", () => {
    const rows = budgetRows({
      limits: [
        {
          source: "run",
          nodeId: null,
          wallClockMinutes: 5,
          wallClockIncludesWaiting: false,
          spendUsd: null,
          usedUsd: 0.02,
        },
        {
          source: "workflow",
          nodeId: null,
          wallClockMinutes: null,
          wallClockIncludesWaiting: false,
          spendUsd: 0.01,
          usedUsd: 0.0123,
        },
        {
          source: "node",
          nodeId: "draft",
          wallClockMinutes: 0.5,
          wallClockIncludesWaiting: false,
          spendUsd: 1,
          usedUsd: 0.004,
        },
      ],
      usedMinutes: 1.25,
      waitedMinutes: 0,
      usedUsd: 0.0123,
    });
    expect(rows.map((r) => [r.label, r.kind, r.text, r.reached])).toEqual([
      ["This run", "wall_clock", "1.3 of 5 min", false],
      ["Workflow", "spend", "$0.0123 of $0.0100", true],
      ['Node "draft"', "wall_clock", "1.3 of 0.5 min", true],
      ['Node "draft"', "spend", "$0.0040 of $1.00", false],
    ]);
    expect(rows[0]!.percent).toBe(25);
    expect(rows[1]!.percent).toBe(100);
  });

  it("take live minutes while the run runs", () => {
    const budget = {
      limits: [
        {
          source: "run" as const,
          nodeId: null,
          wallClockMinutes: 2,
          wallClockIncludesWaiting: false,
          spendUsd: null,
          usedUsd: 0,
        },
      ],
      usedMinutes: 0.5,
      waitedMinutes: 0,
      usedUsd: 0,
    };
    expect(budgetRows(budget, 1)[0]!.text).toBe("1 of 2 min");
  });

  it("leave out the time waited at approvals, unless the limit counts it", () => {
    const budget = {
      limits: [
        {
          source: "run" as const,
          nodeId: null,
          wallClockMinutes: 10,
          wallClockIncludesWaiting: false,
          spendUsd: null,
          usedUsd: 0,
        },
        {
          source: "workflow" as const,
          nodeId: null,
          wallClockMinutes: 10,
          wallClockIncludesWaiting: true,
          spendUsd: null,
          usedUsd: 0,
        },
      ],
      usedMinutes: 12,
      waitedMinutes: 9,
      usedUsd: 0,
    };
    expect(budgetRows(budget).map((r) => [r.text, r.reached])).toEqual([
      ["3 of 10 min", false],
      ["12 of 10 min", true],
    ]);
  });

  it("format minutes by size", () => {
    expect([0, 0.0041, 0.35, 1.25, 12.4, 90].map(formatMinutes)).toEqual(["0", "0.0041", "0.35", "1.3", "12", "90"]);
    expect(formatMinutes(1e-7)).toBe("0.0000001");
  });
});
