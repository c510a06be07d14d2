import { errorSchema } from "@/lib/api/openapi";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { billingOverviewSchema, usageResponseSchema } from "@/lib/billing/response-schemas";
import { checkoutBodySchema, sessionUrlSchema, usageQuerySchema } from "@/lib/billing/schemas";

const notConfigured = {
  description: "Billing is not configured on this server (no Stripe keys).",
  schema: errorSchema,
};

/** Billing and usage routes. (The Stripe webhook, /api/stripe/webhook, is Stripe's to call and not part of /api/v1.) */
export const getBilling = defineOperation({
  method: "get",
  path: "/api/v1/billing",
  operationId: "getBilling",
  summary: "Plan, subscription, month-to-date steps against the allowance and projected overage",
  tag: "Billing",
  responses: { 200: { description: "The workspace's billing state.", schema: billingOverviewSchema } },
  errors: [404],
});

export const createCheckoutSession = defineOperation({
  method: "post",
  path: "/api/v1/billing/checkout",
  operationId: "createCheckoutSession",
  maxBodyBytes: 1024,
  permission: "billing.manage",
  summary:
    "Start Stripe Checkout for a paid plan (owner or admin); redirect the browser to `url`. 409 while a subscription is live or another Checkout is open",
  tag: "Billing",
  body: checkoutBodySchema,
  responses: { 200: { description: "The Checkout page.", schema: sessionUrlSchema }, 503: notConfigured },
  errors: [403, 404, 409, 502],
});

export const cancelCheckoutSession = defineOperation({
  method: "delete",
  path: "/api/v1/billing/checkout",
  operationId: "cancelCheckoutSession",
  permission: "billing.manage",
  summary:
    "Abandon the open Checkout (expired at Stripe) so another can start (owner or admin); 409 once it has been paid",
  tag: "Billing",
  responses: { 204: { description: "No Checkout is open any more." }, 503: notConfigured },
  errors: [403, 404, 409, 502],
});

export const createPortalSession = defineOperation({
  method: "post",
  path: "/api/v1/billing/portal",
  operationId: "createPortalSession",
  permission: "billing.manage",
  summary: "Open the Stripe customer portal: card, invoices, plan changes, cancellation (owner or admin)",
  tag: "Billing",
  responses: { 200: { description: "The portal page.", schema: sessionUrlSchema }, 503: notConfigured },
  errors: [403, 404, 409, 502],
});

export const getUsage = defineOperation({
  method: "get",
  path: "/api/v1/usage",
  operationId: "getUsage",
  summary: "A month's usage: totals and a daily series of steps, runs, tokens and cost",
  tag: "Billing",
  query: usageQuerySchema,
  responses: { 200: { description: "Usage of the month (UTC).", schema: usageResponseSchema } },
  errors: [404],
});

export const billingOperations: readonly ApiOperation[] = [
  getBilling,
  createCheckoutSession,
  cancelCheckoutSession,
  createPortalSession,
  getUsage,
];
