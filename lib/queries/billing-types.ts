/* GET /api/v1/billing and GET /api/v1/usage as the dashboard reads them, read off the API's response schemas. */
import type { z } from "zod";
import type {
  billingOverviewSchema,
  planIdSchema,
  planOptionSchema,
  usageDaySchema,
  usageResponseSchema,
} from "@/lib/billing/response-schemas";

export type PlanId = z.output<typeof planIdSchema>;
export type PlanOption = z.output<typeof planOptionSchema>;
export type BillingOverview = z.output<typeof billingOverviewSchema>;
export type UsageDay = z.output<typeof usageDaySchema>;
export type MonthlyUsage = z.output<typeof usageResponseSchema>;
