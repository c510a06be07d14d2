import { describe, expect, it } from "vitest";
import { formatInZone, nextRunAfterTick, nextRunTimes } from "./schedule";
import { scheduleSchema } from "./schedule-schema";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("next run times", () => {
  it("keep 09:00 local across the spring DST change in Europe/Berlin", () => {
    const schedule = scheduleSchema.parse({ type: "cron", expression: "0 9 * * *", timezone: "Europe/Berlin" });
    const runs = nextRunTimes(schedule, 3, new Date("2026-03-27T12:00:00Z"));
    // CET (UTC+1) until 29 March 02:00, then CEST (UTC+2).
    expect(iso(runs)).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
    expect(runs.map((r) => formatInZone(r, "Europe/Berlin").slice(11, 16))).toEqual(["09:00", "09:00", "09:00"]);
  });

  it("fire once for a local time the Berlin spring change skips, and once in the repeated autumn hour", () => {
    const spring = scheduleSchema.parse({ type: "cron", expression: "30 2 * * *", timezone: "Europe/Berlin" });
    const springRuns = iso(nextRunTimes(spring, 3, new Date("2026-03-28T12:00:00Z")));
    expect(springRuns).toHaveLength(3);
    expect(new Set(springRuns.map((r) => r.slice(0, 10))).size).toBe(3);
    const autumn = nextRunTimes(spring, 3, new Date("2026-10-24T12:00:00Z"));
    // 25 October: 02:30 happens twice (CEST then CET); the job fires once that day.
    expect(iso(autumn)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z", "2026-10-27T01:30:00.000Z"]);
  });

  it("keep 09:00 local across both DST changes in America/New_York", () => {
    const schedule = scheduleSchema.parse({ type: "cron", expression: "0 9 * * *", timezone: "America/New_York" });
    expect(iso(nextRunTimes(schedule, 3, new Date("2026-03-06T20:00:00Z")))).toEqual([
      "2026-03-07T14:00:00.000Z", // EST, UTC-5
      "2026-03-08T13:00:00.000Z", // EDT, UTC-4
      "2026-03-09T13:00:00.000Z",
    ]);
    expect(iso(nextRunTimes(schedule, 2, new Date("2026-10-31T20:00:00Z")))).toEqual([
      "2026-11-01T14:00:00.000Z", // back on EST
      "2026-11-02T14:00:00.000Z",
    ]);
    expect(formatInZone(new Date("2026-11-01T14:00:00Z"), "America/New_York")).toBe("2026-11-01 09:00 EST");
  });

  it("step intervals from the reference time and stop for once/manual", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    const every = scheduleSchema.parse({ type: "interval", intervalMinutes: 90 });
    expect(iso(nextRunTimes(every, 2, from))).toEqual(["2026-01-01T01:30:00.000Z", "2026-01-01T03:00:00.000Z"]);
    const once = scheduleSchema.parse({ type: "once", datetime: "2026-01-02T10:00:00Z" });
    expect(iso(nextRunTimes(once, 5, from))).toEqual(["2026-01-02T10:00:00.000Z"]);
    expect(nextRunTimes(once, 5, new Date("2026-01-03T00:00:00Z"))).toEqual([]);
    expect(nextRunTimes(scheduleSchema.parse({ type: "manual" }), 5, from)).toEqual([]);
  });

  it("fire a missed tick once: the next slot is the first after now, not every missed one", () => {
    const every = scheduleSchema.parse({ type: "interval", intervalMinutes: 10 });
    const due = new Date("2026-01-01T00:00:00Z");
    // The server was down for 55 minutes: one tick fires now, the next keeps the phase.
    expect(nextRunAfterTick(every, due, new Date("2026-01-01T00:55:00Z"))!.toISOString()).toBe(
      "2026-01-01T01:00:00.000Z",
    );
    expect(nextRunAfterTick(every, due, due)!.toISOString()).toBe("2026-01-01T00:10:00.000Z");
    const daily = scheduleSchema.parse({ type: "cron", expression: "0 9 * * *", timezone: "UTC" });
    expect(
      nextRunAfterTick(daily, new Date("2026-01-01T09:00:00Z"), new Date("2026-01-04T12:00:00Z"))!.toISOString(),
    ).toBe("2026-01-05T09:00:00.000Z");
    expect(
      nextRunAfterTick(scheduleSchema.parse({ type: "once", datetime: "2026-01-01T00:00:00Z" }), due, due),
    ).toBeNull();
  });

  it("reject unknown time zones, bad cron and out-of-range intervals, naming the field", () => {
    const tz = scheduleSchema.safeParse({ type: "cron", expression: "0 9 * * *", timezone: "Mars/Base" });
    expect(tz.success).toBe(false);
    expect(tz.error!.issues[0]!.path).toEqual(["timezone"]);
    const cron = scheduleSchema.safeParse({ type: "cron", expression: "61 * * * *" });
    expect(cron.error!.issues[0]!.path).toEqual(["expression"]);
    const six = scheduleSchema.safeParse({ type: "cron", expression: "0 0 9 * * *" });
    expect(six.success).toBe(false);
    expect(scheduleSchema.safeParse({ type: "interval", intervalMinutes: 0 }).success).toBe(false);
    expect(scheduleSchema.safeParse({ type: "interval", intervalMinutes: 10081 }).success).toBe(false);
    expect(scheduleSchema.safeParse({ type: "interval", intervalMinutes: 10080 }).success).toBe(true);
  });
});
