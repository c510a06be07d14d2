import { z } from "zod";
import { errorSchema, type ApiOperation } from "@/lib/api/openapi";
import { checkoutBodySchema, sessionUrlSchema, usageQuerySchema } from "@/lib/billing/schemas";

// Response shapes are outlined; the request schemas are the validating ones.
export const billingOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/billing",
    operationId: "getBilling",
    summary: "Plan, subscription, allowance, month-to-date steps and projected overage",
    tag: "Billing",
    responses: { 200: { description: "The billing overview.", schema: z.looseObject({ canManage: z.boolean() }) } },
  },
  {
    method: "post",
    path: "/api/v1/billing/checkout",
    operationId: "createCheckoutSession",
    summary: "Start Stripe Checkout for a paid plan (owner or admin)",
    tag: "Billing",
    body: checkoutBodySchema,
    responses: { 200: { description: "Redirect the browser to `url`.", schema: sessionUrlSchema } },
    errors: [403, 409],
  },
  {
    method: "post",
    path: "/api/v1/billing/portal",
    operationId: "createPortalSession",
    summary: "Open the Stripe customer portal (owner or admin)",
    tag: "Billing",
    responses: { 200: { description: "Redirect the browser to `url`.", schema: sessionUrlSchema } },
    errors: [403, 409],
  },
  {
    method: "get",
    path: "/api/v1/usage",
    operationId: "getUsage",
    summary: "A month's usage: totals and a daily series of steps, runs, tokens and cost",
    tag: "Billing",
    query: usageQuerySchema,
    responses: { 200: { description: "Usage of the month (UTC).", schema: z.looseObject({}) } },
  },
];
