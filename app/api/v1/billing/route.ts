import * as billing from "@/lib/api/operations/billing";
import { withWorkspace } from "@/lib/api/handler";
import { json } from "@/lib/http/respond";
import { can } from "@/lib/auth/permissions";
import { getBillingOverview } from "@/lib/billing/get-billing-overview";

/** Plan, subscription, allowance, month-to-date steps and projected overage. Any member may read it. */
export const GET = withWorkspace(billing.getBilling, async ({ scope, role }) =>
  json({ ...(await getBillingOverview(scope)), canManage: can(role, "billing.manage") }),
);
