import { describe, expect, it } from "vitest";
import { evaluate, holds } from "./expressions";

describe("expressions", () => {
  const event = { name: "run/requested", data: { plan: "team", runId: "r1", n: 2 } };

  it("compares paths with literals and each other", () => {
    expect(holds("event.data.plan == 'team'", { event })).toBe(true);
    expect(holds("event.data.plan != 'pro' && event.data.plan != 'team'", { event })).toBe(false);
    expect(holds("event.data.runId == async.data.runId", { event, async: { data: { runId: "r1" } } })).toBe(true);
    expect(holds("event.data.runId == async.data.runId", { event, async: { data: { runId: "r2" } } })).toBe(false);
    expect(holds("event.data.n == 2 || (event.data.missing == null && !false)", { event })).toBe(true);
  });

  it("reads concurrency keys and treats missing paths as null", () => {
    expect(evaluate("event.data.plan", { event })).toBe("team");
    expect(evaluate("event.data.nothing.deeper", { event })).toBe(null);
    expect(holds(undefined, { event })).toBe(true);
  });

  it("refuses what it does not understand", () => {
    expect(() => evaluate("event.data.n > 1", { event })).toThrow(/Unsupported|Unexpected/);
    expect(() => evaluate("size(event.data)", { event })).toThrow();
  });
});
