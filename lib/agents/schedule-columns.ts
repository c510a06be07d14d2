import type { ScheduleType } from "@/lib/generated/prisma/enums";
import type { Schedule } from "./schedule-schema";

export interface ScheduleColumns {
  scheduleType: ScheduleType;
  cronExpression: string | null;
  intervalMinutes: number | null;
  runAt: Date | null;
  timezone: string;
}

/** The schedule as stored on the Agent row. */
export function scheduleToColumns(schedule: Schedule): ScheduleColumns {
  return {
    scheduleType: schedule.type,
    cronExpression: schedule.type === "cron" ? schedule.expression : null,
    intervalMinutes: schedule.type === "interval" ? schedule.intervalMinutes : null,
    runAt: schedule.type === "once" ? new Date(schedule.datetime) : null,
    timezone: schedule.timezone,
  };
}

/** The schedule of an Agent row, in the API's shape. */
export function scheduleFromColumns(row: ScheduleColumns): Schedule {
  const timezone = row.timezone || "UTC";
  switch (row.scheduleType) {
    case "interval":
      return { type: "interval", intervalMinutes: row.intervalMinutes ?? 60, timezone };
    case "cron":
      return { type: "cron", expression: row.cronExpression ?? "0 9 * * *", timezone };
    case "once":
      return { type: "once", datetime: (row.runAt ?? new Date(0)).toISOString(), timezone };
    default:
      return { type: "manual", timezone };
  }
}
