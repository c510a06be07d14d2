import "server-only";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { monthOf, projectMonth } from "./month";
import { monthSteps } from "./month-steps";
import { PLANS } from "./plans";
import { billingConfigured } from "./stripe-env";

/** What the billing page and `GET /api/v1/billing` show. */
export async function getBillingOverview(scope: Scope, now = new Date()) {
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: scope.workspaceId },
    select: { plan: true, stripeCustomerId: true },
  });
  const subscription = await scope.db.subscription.findFirst({
    select: {
      status: true,
      plan: true,
      currentPeriodStart: true,
      currentPeriodEnd: true,
      cancelAtPeriodEnd: true,
    },
  });
  const limits = PLANS[workspace.plan];
  const month = monthOf(now);
  const { used, reserved } = await monthSteps(scope.db, scope.workspaceId, month);
  const projectedSteps = projectMonth(used, month, now);
  const projectedOverageSteps = limits.hardStop ? 0 : Math.max(0, projectedSteps - limits.monthlySteps);
  const overageSteps = limits.hardStop ? 0 : Math.max(0, used - limits.monthlySteps);

  return {
    plan: workspace.plan,
    planName: limits.name,
    configured: billingConfigured(),
    hasBillingAccount: workspace.stripeCustomerId !== null,
    subscription,
    month: month.key,
    limits: {
      monthlySteps: limits.monthlySteps,
      hardStop: limits.hardStop,
      overageUsdPerStep: limits.overageUsdPerStep,
      runsPerMinute: limits.runsPerMinute,
      concurrency: limits.concurrency,
      monthlyUsd: limits.monthlyUsd,
    },
    usage: {
      monthToDateSteps: used,
      reservedSteps: reserved,
      remainingSteps: Math.max(0, limits.monthlySteps - used - reserved),
      overageSteps,
      overageUsd: roundUsd(overageSteps * limits.overageUsdPerStep),
      projectedSteps,
      projectedOverageSteps,
      projectedOverageUsd: roundUsd(projectedOverageSteps * limits.overageUsdPerStep),
    },
    plans: (Object.keys(PLANS) as (keyof typeof PLANS)[]).map((id) => ({
      id,
      name: PLANS[id].name,
      monthlySteps: PLANS[id].monthlySteps,
      monthlyUsd: PLANS[id].monthlyUsd,
      overageUsdPerStep: PLANS[id].overageUsdPerStep,
      runsPerMinute: PLANS[id].runsPerMinute,
      concurrency: PLANS[id].concurrency,
    })),
  };
}

export type BillingOverview = Awaited<ReturnType<typeof getBillingOverview>>;

const roundUsd = (usd: number) => Math.round(usd * 100) / 100;
