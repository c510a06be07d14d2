"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { BillingOverview, PlanId } from "@/lib/queries/billing-types";
import { formatSteps, formatUsd, formatUsdPrecise } from "./format-billing";

interface Props {
  billing: BillingOverview;
  /** Whether the viewer may start Checkout (owners and admins on a configured server). */
  canUpgrade: boolean;
  pendingPlan: PlanId | null;
  onUpgrade: (plan: "pro" | "team") => void;
}

/** The three plans side by side; paid ones have an upgrade button for those allowed to use it. */
export function PlanOptions({ billing, canUpgrade, pendingPlan, onUpgrade }: Props) {
  const live = billing.subscription && ["active", "trialing", "past_due"].includes(billing.subscription.status);
  return (
    <ul className="grid gap-4 sm:grid-cols-3">
      {billing.plans.map((plan) => {
        const current = plan.id === billing.plan;
        return (
          <li
            key={plan.id}
            className={cn(
              "flex flex-col rounded-lg border p-4",
              current ? "border-accent ring-1 ring-accent" : "border-zinc-200",
            )}
          >
            <div className="flex items-baseline justify-between">
              <h3 className="font-semibold text-zinc-900">{plan.name}</h3>
              <p className="text-sm text-zinc-600">
                {plan.monthlyUsd === 0 ? "Free" : `${formatUsd(plan.monthlyUsd)}/mo`}
              </p>
            </div>
            <ul className="mt-3 flex-1 space-y-1 text-sm text-zinc-600">
              <li>{formatSteps(plan.monthlySteps)} steps a month</li>
              <li>
                {plan.overageUsdPerStep > 0
                  ? `then ${formatUsdPrecise(plan.overageUsdPerStep)} per step`
                  : "runs stop at the allowance"}
              </li>
              <li>{formatSteps(plan.runsPerMinute)} runs a minute</li>
              <li>{plan.concurrency} runs at once</li>
            </ul>
            <div className="mt-4">
              {current ? (
                <p className="text-sm font-medium text-accent-strong">Current plan</p>
              ) : plan.id !== "free" && canUpgrade && !live ? (
                <Button
                  className="w-full"
                  loading={pendingPlan === plan.id}
                  disabled={pendingPlan !== null}
                  onClick={() => onUpgrade(plan.id as "pro" | "team")}
                >
                  Upgrade to {plan.name}
                </Button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
