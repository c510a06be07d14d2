import { Cron } from "croner";
import type { Schedule } from "./schedule-schema";

const MINUTE = 60_000;

/**
 * The next `count` times the schedule fires strictly after `from`.
 * Cron times are computed in the schedule's time zone, so they follow DST.
 */
export function nextRunTimes(schedule: Schedule, count: number, from: Date = new Date()): Date[] {
  if (count <= 0) return [];
  switch (schedule.type) {
    case "manual":
      return [];
    case "once": {
      const at = new Date(schedule.datetime);
      return at.getTime() > from.getTime() ? [at] : [];
    }
    case "interval": {
      const step = schedule.intervalMinutes * MINUTE;
      return Array.from({ length: count }, (_, i) => new Date(from.getTime() + step * (i + 1)));
    }
    case "cron":
      return new Cron(schedule.expression, { timezone: schedule.timezone, paused: true }).nextRuns(count, from);
  }
}

/** The first time the schedule fires after `from`, or null when it never will. */
export function nextRunAfter(schedule: Schedule, from: Date = new Date()): Date | null {
  return nextRunTimes(schedule, 1, from)[0] ?? null;
}

/**
 * After the tick due at `due` fired at `now`, the next due time. Missed slots
 * (the server was down, the agent was busy) are not replayed: one tick stands
 * for all of them, and the next one is the first slot after `now`. Interval
 * schedules keep their phase (due + k·interval).
 */
export function nextRunAfterTick(schedule: Schedule, due: Date, now: Date): Date | null {
  if (schedule.type === "interval") {
    const step = schedule.intervalMinutes * MINUTE;
    const behind = Math.max(0, now.getTime() - due.getTime());
    return new Date(due.getTime() + (Math.floor(behind / step) + 1) * step);
  }
  if (schedule.type === "once" || schedule.type === "manual") return null;
  return nextRunAfter(schedule, now.getTime() > due.getTime() ? now : due);
}

/** `2026-03-29 09:00 GMT+2` style text of an instant in a time zone. */
export function formatInZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")} ${get("timeZoneName")}`;
}

export interface ScheduledTime {
  at: string;
  local: string;
}

export function describeRuns(times: Date[], timeZone: string): ScheduledTime[] {
  return times.map((t) => ({ at: t.toISOString(), local: formatInZone(t, timeZone) }));
}
