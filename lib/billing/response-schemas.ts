import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";

/*
 * What GET /api/v1/billing and GET /api/v1/usage return. No server code: the browser reads its
 * types from here.
 */

export const planIdSchema = z.enum(["free", "pro", "team"]);

const planLimits = z.object({
  monthlySteps: z.number().int().describe("Workflow steps included each calendar month (UTC)."),
  monthlyUsd: z.number(),
  overageUsdPerStep: z.number().describe("Price of a step beyond the allowance; 0 on Free."),
  runsPerMinute: z.number().int(),
  concurrency: z.number().int(),
});

export const planOptionSchema = planLimits.extend({ id: planIdSchema, name: z.string() });

export const billingOverviewSchema = z
  .object({
    plan: planIdSchema,
    planName: z.string(),
    configured: z.boolean().describe("false when this server has no Stripe keys: checkout and portal answer 503."),
    hasBillingAccount: z.boolean().describe("Whether the workspace has a Stripe customer (needed for the portal)."),
    canManage: z.boolean().describe("Whether the caller may open Checkout and the portal (owners and admins)."),
    month: z.string().describe("The current month, YYYY-MM (UTC)."),
    subscription: z
      .object({
        status: z.string().describe("Stripe's subscription status: active, past_due, canceled…"),
        plan: planIdSchema,
        currentPeriodStart: dateTimeSchema.nullable(),
        currentPeriodEnd: dateTimeSchema.nullable(),
        cancelAtPeriodEnd: z.boolean(),
      })
      .nullable(),
    limits: planLimits.extend({ hardStop: z.boolean().describe("true: runs past the allowance are refused (402).") }),
    usage: z.object({
      monthToDateSteps: z.number().int().describe("Steps of finished runs and answered reflections this month."),
      reservedSteps: z.number().int().describe("Steps held by queued and running runs."),
      remainingSteps: z.number().int(),
      overageSteps: z.number().int(),
      overageUsd: z.number(),
      projectedSteps: z.number().int().describe("Month-to-date steps projected linearly to the month end."),
      projectedOverageSteps: z.number().int(),
      projectedOverageUsd: z.number(),
    }),
    plans: z.array(planOptionSchema),
  })
  .meta({ id: "Billing" });

export const usageDaySchema = z.object({
  date: z.string().describe("YYYY-MM-DD (UTC)."),
  steps: z.number().int().describe("Billed steps: every completed run step, and one per answered reflection."),
  runs: z.number().int().describe("Finished runs."),
  reflections: z.number().int().describe("Answered agent reflections (each billed as one step)."),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().describe("Model cost of the runs and reflections."),
});

export const usageResponseSchema = z
  .object({ month: z.string(), totals: usageDaySchema.omit({ date: true }), daily: z.array(usageDaySchema) })
  .meta({ id: "Usage" });
