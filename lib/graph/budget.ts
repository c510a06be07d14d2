import { z } from "zod";

/* Pure: the budget rules, the same for the API, the compiler and the editor. */

/** The longest wall-clock budget: one week, in minutes. */
export const MAX_BUDGET_MINUTES = 10_080;
export const MAX_BUDGET_USD = 10_000;

export const budgetSchema = z
  .object({
    wall_clock: z
      .number({ message: "Give wall_clock in minutes" })
      .positive("Use more than 0 minutes")
      .max(MAX_BUDGET_MINUTES, `At most ${MAX_BUDGET_MINUTES} minutes (one week)`)
      .optional()
      .describe("Minutes from the run's start (fractions allowed)."),
    wall_clock_includes_waiting: z
      .boolean({ message: "Use true or false" })
      .optional()
      .describe("Count the time the run waits for a person at approval steps against wall_clock (default false)."),
    spend: z
      .object({
        usd: z
          .number({ message: "Give spend.usd in US dollars" })
          .positive("Use more than 0")
          .max(MAX_BUDGET_USD, `At most ${MAX_BUDGET_USD} USD`),
      })
      .strict()
      .optional()
      .describe("Model cost in US dollars."),
  })
  .strict()
  .refine((b) => b.wall_clock !== undefined || b.spend !== undefined, "Set wall_clock, spend.usd or both")
  .refine((b) => b.wall_clock_includes_waiting === undefined || b.wall_clock !== undefined, {
    message: "Set wall_clock with wall_clock_includes_waiting",
    path: ["wall_clock_includes_waiting"],
  })
  .meta({ id: "Budget" });

/** Wall-clock minutes (fractions allowed) and/or spend in USD; at least one is set. */
export type Budget = z.output<typeof budgetSchema>;
