import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { getUsage } from "@/lib/billing/get-usage";
import { monthOf, parseMonth } from "@/lib/billing/month";
import { usageQuerySchema } from "@/lib/billing/schemas";

/** A month's usage (UTC): totals and a daily series of steps, runs, tokens and cost. */
export const GET = withWorkspace(
  async ({ scope, query }) => json(await getUsage(scope, query.month ? parseMonth(query.month) : monthOf(new Date()))),
  { query: usageQuerySchema },
);
