import { z } from "zod";
import { cronProblem, isValidTimeZone } from "./cron";
import { eventNameSchema } from "./names";

/* Pure: what starts a graph, checked alike by the API, the compiler and the editor. */

const timezoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, "Unknown time zone; use an IANA name like Europe/Berlin");

export const graphTriggerSchema = z
  .union([
    z.object({ event: eventNameSchema }).strict(),
    z
      .object({
        cron: z
          .string()
          .trim()
          .min(1)
          .max(120)
          .superRefine((value, ctx) => {
            const problem = cronProblem(value);
            if (problem) ctx.addIssue({ code: "custom", message: problem });
          }),
        timezone: timezoneSchema.default("UTC"),
      })
      .strict(),
  ])
  .describe("Starts a run when the named event is emitted, or on a cron schedule (besides run requests).")
  .meta({ id: "GraphTrigger" });

/** What starts a graph besides a run request: an event type's name, or a cron schedule. */
export type GraphTrigger = z.output<typeof graphTriggerSchema>;
