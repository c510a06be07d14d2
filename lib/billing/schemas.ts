import { z } from "zod";
import { MONTH_PATTERN } from "./month";

export const paidPlanSchema = z.enum(["pro", "team"]);

export const checkoutBodySchema = z.object({
  plan: paidPlanSchema.describe("The plan to subscribe to."),
});

export const usageQuerySchema = z.object({
  month: z
    .string()
    .regex(MONTH_PATTERN, "Use YYYY-MM, e.g. 2025-04.")
    .optional()
    .describe("Calendar month in UTC; defaults to the current one."),
});

export const sessionUrlSchema = z.object({ url: z.string().url() });
