import { describe, expect, it } from "vitest";
import { daysOf, monthOf, parseMonth, projectMonth } from "./month";

describe("billing months", () => {
  it("are calendar months in UTC", () => {
    const m = monthOf(new Date("2025-02-14T23:59:00Z"));
    expect(m.key).toBe("2025-02");
    expect(m.start.toISOString()).toBe("2025-02-01T00:00:00.000Z");
    expect(m.end.toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(m.days).toBe(28);
    expect(daysOf(parseMonth("2024-02"))).toHaveLength(29);
    expect(daysOf(parseMonth("2025-12")).at(-1)).toBe("2025-12-31");
    expect(() => parseMonth("2025-13")).toThrow();
  });

  it("project usage linearly to the month end", () => {
    const m = parseMonth("2025-04");
    expect(projectMonth(300, m, new Date("2025-04-11T00:00:00Z"))).toBe(900);
    expect(projectMonth(300, m, new Date("2025-05-02T00:00:00Z"))).toBe(300);
    expect(projectMonth(0, m, new Date("2025-04-20T00:00:00Z"))).toBe(0);
  });
});
