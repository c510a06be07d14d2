import { describe, expect, it } from "vitest";
import { expiryFor } from "./expiry-options";

describe("expiryFor", () => {
  const now = new Date("2026-01-10T12:00:00.000Z");

  it("gives no expiry for never", () => {
    expect(expiryFor("never", "", now)).toBeNull();
  });

  it("adds whole days for a preset", () => {
    expect(expiryFor("30", "", now)).toBe("2026-02-09T12:00:00.000Z");
  });

  it("ends a custom date at the end of that local day, and is empty when missing or invalid", () => {
    const iso = expiryFor("custom", "2026-03-01", now);
    expect(new Date(iso!).getDate()).toBe(1);
    expect(new Date(iso!).getHours()).toBe(23);
    expect(expiryFor("custom", "", now)).toBe("");
    expect(expiryFor("custom", "not-a-date", now)).toBe("");
  });
});
