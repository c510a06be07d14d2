import { describe, expect, it } from "vitest";
import { asSentence, formatChars, formatCost, formatDuration, formatTokens, shortId, stepsDone } from "./format-run";

describe("formatDuration", () => {
  it("uses ms, seconds or minutes as fits", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(420)).toBe("420 ms");
    expect(formatDuration(1234)).toBe("1.23 s");
    expect(formatDuration(12_345)).toBe("12.3 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});

describe("formatTokens and shortId", () => {
  it("groups thousands and shortens long ids", () => {
    expect(formatTokens(12345)).toBe("12,345");
    expect(shortId("cmabcdefghijklmnop")).toBe("cmabcdefgh…");
    expect(shortId("short")).toBe("short");
  });
});

describe("formatChars", () => {
  it("counts characters, in thousands past 999", () => {
    expect(formatChars(812)).toBe("812 chars");
    expect(formatChars(14_240)).toBe("14.2k chars");
  });
});

describe("formatCost", () => {
  it("shows fractions of a cent, tiny amounts, dollars and unknown costs", () => {
    expect(formatCost(0.0123)).toBe("$0.0123");
    expect(formatCost(0.000_012)).toBe("<$0.0001");
    expect(formatCost(0.0001)).toBe("$0.0001");
    expect(formatCost(0)).toBe("$0.00");
    expect(formatCost(1.5)).toBe("$1.50");
    expect(formatCost(1234.567)).toBe("$1,234.57");
    expect(formatCost(null)).toBe("—");
    expect(formatCost(undefined, "pending")).toBe("pending");
  });
});

describe("asSentence", () => {
  it("ends a run's error with a full stop before the next sentence, once", () => {
    expect(
      asSentence('Node "classify" answered "x", which matches none of its edges, and it has no default edge'),
    ).toBe('Node "classify" answered "x", which matches none of its edges, and it has no default edge.');
    expect(asSentence("Budget exceeded.")).toBe("Budget exceeded.");
    expect(asSentence("Why? ")).toBe("Why?");
  });
});

describe("stepsDone", () => {
  const run = (status: "queued" | "running" | "completed", completedSteps: number, stepCount: number) => ({
    status,
    stepCount,
    totals: { completedSteps },
  });

  it("counts a graph run in flight against its cap, not as its length", () => {
    expect(stepsDone(run("queued", 0, 30), true)).toBe("0 steps done (cap 30)");
    expect(stepsDone(run("running", 1, 30), true)).toBe("1 step done (cap 30)");
    expect(stepsDone(run("completed", 7, 7), true)).toBe("7 of 7 done");
    expect(stepsDone(run("running", 1, 3), false)).toBe("1 of 3 done");
  });
});
