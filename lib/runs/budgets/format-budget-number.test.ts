import { describe, expect, it } from "vitest";
import { formatBudgetNumber } from "./format-budget-number";

describe("formatBudgetNumber", () => {
  it("never writes an exponent and keeps a few significant digits", () => {
    expect(formatBudgetNumber(1e-7)).toBe("0.0000001");
    expect(formatBudgetNumber(0.000012345)).toBe("0.000012");
    expect(formatBudgetNumber(0.35)).toBe("0.35");
    expect(formatBudgetNumber(0)).toBe("0");
    expect(formatBudgetNumber(1.23456)).toBe("1.23");
    expect(formatBudgetNumber(12.5, { decimals: 0 })).toBe("13");
    expect(formatBudgetNumber(1e21)).toBe("1000000000000000000000");
  });
});
