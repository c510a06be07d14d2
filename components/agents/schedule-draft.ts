import type { Schedule, ScheduleInput } from "@/lib/agents/schedule-schema";

/** A schedule as the form holds it: every field a string, so half-typed values survive. */
export interface ScheduleDraft {
  type: "manual" | "interval" | "cron" | "once";
  intervalMinutes: string;
  expression: string;
  timezone: string;
  /** A datetime-local value, read in the browser's time zone. */
  datetime: string;
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function emptyScheduleDraft(): ScheduleDraft {
  return { type: "manual", intervalMinutes: "60", expression: "0 9 * * *", timezone: "UTC", datetime: "" };
}

/** The request body's `schedule` for a draft. */
export function scheduleBody(d: ScheduleDraft): ScheduleInput {
  switch (d.type) {
    case "manual":
      return { type: "manual", timezone: d.timezone };
    case "interval":
      return { type: "interval", intervalMinutes: Number(d.intervalMinutes), timezone: d.timezone };
    case "cron":
      return { type: "cron", expression: d.expression, timezone: d.timezone };
    case "once": {
      const at = d.datetime ? new Date(d.datetime) : null;
      return {
        type: "once",
        datetime: at && !Number.isNaN(at.getTime()) ? at.toISOString() : d.datetime,
        timezone: d.timezone,
      };
    }
  }
}

/** A datetime-local value (browser time zone, minute precision) for an ISO date-time. */
export function localDateTimeInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The draft for a saved schedule; the fields its type does not use keep their defaults. */
export function scheduleDraftFrom(schedule: Schedule): ScheduleDraft {
  const draft: ScheduleDraft = { ...emptyScheduleDraft(), type: schedule.type, timezone: schedule.timezone };
  switch (schedule.type) {
    case "manual":
      return draft;
    case "interval":
      return { ...draft, intervalMinutes: String(schedule.intervalMinutes) };
    case "cron":
      return { ...draft, expression: schedule.expression };
    case "once":
      return { ...draft, datetime: localDateTimeInput(schedule.datetime) };
  }
}
