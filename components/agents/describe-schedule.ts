import type { Schedule } from "@/lib/agents/schedule-schema";

/** "Every 30 minutes", "Cron 0 9 * * * (Europe/Berlin)", "Once at …", "Manual". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.type) {
    case "manual":
      return "Manual";
    case "interval":
      return schedule.intervalMinutes === 1 ? "Every minute" : `Every ${schedule.intervalMinutes} minutes`;
    case "cron":
      return `Cron ${schedule.expression} (${schedule.timezone})`;
    case "once":
      return `Once at ${new Date(schedule.datetime).toLocaleString(undefined, { timeZone: schedule.timezone, dateStyle: "medium", timeStyle: "short" })} (${schedule.timezone})`;
  }
}
