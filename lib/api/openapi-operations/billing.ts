import { z } from "zod";
import { errorSchema, type ApiOperation } from "@/lib/api/openapi";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { checkoutBodySchema, sessionUrlSchema, usageQuerySchema } from "@/lib/billing/schemas";

const plan = z.enum(["free", "pro", "team"]);

const planLimits = z.object({
  monthlySteps: z.number().int().describe("Workflow steps included each calendar month (UTC)."),
  monthlyUsd: z.number(),
  overageUsdPerStep: z.number().describe("Price of a step beyond the allowance; 0 on Free."),
  runsPerMinute: z.number().int(),
  concurrency: z.number().int(),
});

const billingSchema = z
  .object({
    plan,
    planName: z.string(),
    configured: z.boolean().describe("false when this server has no Stripe keys: checkout and portal answer 503."),
    hasBillingAccount: z.boolean().describe("Whether the workspace has a Stripe customer (needed for the portal)."),
    canManage: z.boolean().describe("Whether the caller may open Checkout and the portal (owners and admins)."),
    month: z.string().describe("The current month, YYYY-MM (UTC)."),
    subscription: z
      .object({
        status: z.string().describe("Stripe's subscription status: active, past_due, canceled…"),
        plan,
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
    plans: z.array(planLimits.extend({ id: plan, name: z.string() })),
  })
  .meta({ id: "Billing" });

const usageDay = z.object({
  date: z.string().describe("YYYY-MM-DD (UTC)."),
  steps: z.number().int().describe("Billed steps: every completed run step, and one per answered reflection."),
  runs: z.number().int().describe("Finished runs."),
  reflections: z.number().int().describe("Answered agent reflections (each billed as one step)."),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().describe("Model cost of the runs and reflections."),
});

const usageSchema = z
  .object({ month: z.string(), totals: usageDay.omit({ date: true }), daily: z.array(usageDay) })
  .meta({ id: "Usage" });

const notConfigured = {
  description: "Billing is not configured on this server (no Stripe keys).",
  schema: errorSchema,
};

/** Billing and usage routes. (The Stripe webhook, /api/stripe/webhook, is Stripe's to call and not part of /api/v1.) */
export const billingOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/billing",
    operationId: "getBilling",
    summary: "Plan, subscription, month-to-date steps against the allowance and projected overage",
    tag: "Billing",
    responses: { 200: { description: "The workspace's billing state.", schema: billingSchema } },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/v1/billing/checkout",
    operationId: "createCheckoutSession",
    summary:
      "Start Stripe Checkout for a paid plan (owner or admin); redirect the browser to `url`. 409 while a subscription is live or another Checkout is open",
    tag: "Billing",
    body: checkoutBodySchema,
    responses: { 200: { description: "The Checkout page.", schema: sessionUrlSchema }, 503: notConfigured },
    errors: [403, 404, 409],
  },
  {
    method: "delete",
    path: "/api/v1/billing/checkout",
    operationId: "cancelCheckoutSession",
    summary:
      "Abandon the open Checkout (expired at Stripe) so another can start (owner or admin); 409 once it has been paid",
    tag: "Billing",
    responses: { 204: { description: "No Checkout is open any more." }, 503: notConfigured },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/billing/portal",
    operationId: "createPortalSession",
    summary: "Open the Stripe customer portal: card, invoices, plan changes, cancellation (owner or admin)",
    tag: "Billing",
    responses: { 200: { description: "The portal page.", schema: sessionUrlSchema }, 503: notConfigured },
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/usage",
    operationId: "getUsage",
    summary: "A month's usage: totals and a daily series of steps, runs, tokens and cost",
    tag: "Billing",
    query: usageQuerySchema,
    responses: { 200: { description: "Usage of the month (UTC).", schema: usageSchema } },
    errors: [404],
  },
];
