import * as billing from "@/lib/api/operations/billing";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getUsage } from "@/lib/billing/get-usage";
import { monthOf, parseMonth } from "@/lib/billing/month";

/** A month's usage (UTC): totals and a daily series of steps, runs, tokens and cost. */
export const GET = withWorkspace(billing.getUsage, async ({ scope, query }) =>
  json(await getUsage(scope, query.month ? parseMonth(query.month) : monthOf(new Date()))),
);
