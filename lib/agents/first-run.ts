import { badRequest } from "@/lib/http/errors";
import { nextRunAfter } from "./schedule";
import type { Schedule } from "./schedule-schema";

/** When a new or edited schedule first fires; a `once` time in the past is refused. */
export function firstRunAt(schedule: Schedule, now = new Date()): Date | null {
  if (schedule.type === "once" && new Date(schedule.datetime).getTime() <= now.getTime()) {
    throw badRequest("The run time is in the past.", [
      { field: "schedule.datetime", message: "Must be in the future" },
    ]);
  }
  return nextRunAfter(schedule, now);
}
