import { z } from "zod";
import { cronProblem, isValidTimeZone } from "@/lib/graph/cron";
import { MAX_INTERVAL_MINUTES } from "./constants";

export { cronProblem, isValidTimeZone } from "@/lib/graph/cron";

const timezone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, "Unknown time zone; use an IANA name like Europe/Berlin");

export const scheduleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("manual"), timezone: timezone.default("UTC") }),
  z.object({
    type: z.literal("interval"),
    intervalMinutes: z
      .number({ message: "Give the interval in minutes" })
      .int("Use whole minutes")
      .min(1, "At least 1 minute")
      .max(MAX_INTERVAL_MINUTES, `At most ${MAX_INTERVAL_MINUTES} minutes (one week)`),
    timezone: timezone.default("UTC"),
  }),
  z.object({
    type: z.literal("cron"),
    expression: z
      .string()
      .trim()
      .min(1, "Give a cron expression")
      .max(120)
      .superRefine((value, ctx) => {
        const problem = cronProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    timezone: timezone.default("UTC"),
  }),
  z.object({
    type: z.literal("once"),
    datetime: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time" }),
    timezone: timezone.default("UTC"),
  }),
]);

export type Schedule = z.output<typeof scheduleSchema>;
export type ScheduleInput = z.input<typeof scheduleSchema>;
