import { describe, expect, it } from "vitest";
import { cronTriggerOf, nextSlotAfter, nextTriggerAt } from "./next-trigger-at";

const NINE_NY = { cron: "0 9 * * *", timezone: "America/New_York" };

describe("cron trigger slots", () => {
  it("follow the time zone across the spring DST change (9:00 local is 14:00, then 13:00 UTC)", () => {
    const before = nextSlotAfter(NINE_NY, new Date("2026-03-07T00:00:00Z"));
    expect(before?.toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(nextSlotAfter(NINE_NY, before!)?.toISOString()).toBe("2026-03-08T13:00:00.000Z");
  });

  it("and across the autumn one", () => {
    const from = new Date("2026-10-31T14:00:00Z");
    expect(nextSlotAfter({ cron: "30 8 * * *", timezone: "Europe/Berlin" }, from)?.toISOString()).toBe(
      "2026-11-01T07:30:00.000Z",
    );
  });

  it("are armed only for an active graph with a cron trigger", () => {
    const now = new Date("2026-06-01T10:00:00Z");
    const graph = { trigger: NINE_NY };
    expect(nextTriggerAt(graph, "active", null, now)?.toISOString()).toBe("2026-06-01T13:00:00.000Z");
    expect(nextTriggerAt(graph, "paused", null, now)).toBeNull();
    expect(nextTriggerAt({ trigger: { event: "Incident" } }, "active", null, now)).toBeNull();
    expect(nextTriggerAt({}, "active", null, now)).toBeNull();
    expect(nextTriggerAt(null, "active", null, now)).toBeNull();
    expect(cronTriggerOf({ trigger: { event: "Incident" } })).toBeNull();
  });

  it("keep a slot that is due but not yet fired when the workflow is saved again", () => {
    const due = new Date("2026-06-01T13:00:00Z");
    const now = new Date("2026-06-01T13:00:40Z");
    expect(nextTriggerAt({ trigger: NINE_NY }, "active", due, now)?.toISOString()).toBe(due.toISOString());
    // A new schedule that has no slot then moves on from the due time.
    const hourly = { trigger: { cron: "15 * * * *", timezone: "UTC" } };
    expect(nextTriggerAt(hourly, "active", due, now)?.toISOString()).toBe("2026-06-01T13:15:00.000Z");
    // A future armed slot is recomputed from now.
    const later = new Date("2026-06-02T13:00:00Z");
    expect(nextTriggerAt(hourly, "active", later, now)?.toISOString()).toBe("2026-06-01T13:15:00.000Z");
  });
});
