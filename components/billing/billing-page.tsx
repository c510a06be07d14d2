"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { QueryError } from "@/components/ui/query-error";
import { errorMessage } from "@/lib/queries/api-client";
import type { BillingOverview, PlanId } from "@/lib/queries/billing-types";
import { formatDate } from "@/lib/queries/format";
import { useBilling, useBillingRedirect, useCancelCheckout, useUsage } from "@/lib/queries/use-billing";
import { currentMonthKey, formatSteps, formatUsd, monthLabel, plural } from "./format-billing";
import { PlanOptions } from "./plan-options";
import { UsageChart } from "./usage-chart";
import { UsageMeter } from "./usage-meter";

export function BillingPage() {
  const { workspace } = useCurrentWorkspace();
  const params = useSearchParams();
  const checkout = params.get("checkout");
  const [month] = useState(currentMonthKey);
  const billing = useBilling(workspace.slug, { awaitUpgrade: checkout === "success" });
  const waitingForWebhook = checkout === "success" && billing.data?.plan === "free";
  const usage = useUsage(workspace.slug, month);
  const redirect = useBillingRedirect(workspace.slug);
  const [pendingPlan, setPendingPlan] = useState<PlanId | "portal" | null>(null);
  // Back from a cancelled Checkout: close it at Stripe, so picking a plan again is not refused (409).
  const { mutate: abandonCheckout } = useCancelCheckout(workspace.slug);
  useEffect(() => {
    if (checkout === "cancelled") abandonCheckout();
  }, [checkout, abandonCheckout]);

  const open = (target: { kind: "checkout"; plan: "pro" | "team" } | { kind: "portal" }) => {
    setPendingPlan(target.kind === "portal" ? "portal" : target.plan);
    redirect.mutate(target, { onError: () => setPendingPlan(null) });
  };

  const data = billing.data;
  const controls = data?.canManage && data.configured;
  const manageButton =
    controls && data.hasBillingAccount ? (
      <Button variant="secondary" loading={pendingPlan === "portal"} onClick={() => open({ kind: "portal" })}>
        Manage billing
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan, this month's workflow steps and what they will cost. One step is one agent turn."
        actions={manageButton}
      />
      <PageBody>
        {checkout === "success" ? (
          <Alert tone="success" title={waitingForWebhook ? "Payment received" : "You're all set"}>
            {waitingForWebhook
              ? "Waiting for Stripe to confirm the subscription; the plan below updates by itself."
              : `This workspace is now on ${data?.planName ?? "its new plan"}.`}
          </Alert>
        ) : checkout === "cancelled" ? (
          <Alert tone="info" title="Checkout cancelled">
            Nothing was charged. You can upgrade whenever you like.
          </Alert>
        ) : null}
        {redirect.error ? (
          <Alert tone="error" title="Could not open Stripe">
            {errorMessage(redirect.error)}
          </Alert>
        ) : null}

        {billing.isPending ? (
          <Card className="space-y-4 p-5">
            <span className="sr-only" role="status">
              Loading billing
            </span>
            <Skeleton className="h-6 w-40" />
            <Skeleton className="h-3 w-full" />
            <Skeleton className="h-16 w-full" />
          </Card>
        ) : billing.isError ? (
          <QueryError title="Could not load billing" error={billing.error} onRetry={billing.refetch} />
        ) : (
          <>
            <Card>
              <CardHeader
                title={
                  <span className="flex items-center gap-2">
                    {data!.planName} plan <SubscriptionBadge billing={data!} />
                  </span>
                }
                description={planDescription(data!)}
              />
              <div className="p-5">
                <UsageMeter billing={data!} />
              </div>
            </Card>

            <BillingNotice billing={data!} />

            <Card>
              <CardHeader title="Daily usage" description={`Workflow steps per day in ${monthLabel(month)} (UTC).`} />
              <div className="p-5">
                {usage.isPending ? (
                  <SkeletonRows rows={4} label="Loading usage" />
                ) : usage.isError ? (
                  <Alert tone="error" title="Could not load usage">
                    {errorMessage(usage.error)}
                  </Alert>
                ) : usage.data.totals.steps === 0 ? (
                  <EmptyState
                    icon="chart"
                    title="No usage yet this month"
                    description="Steps appear here as runs finish: one per agent turn, and one per agent reflection."
                  />
                ) : (
                  <>
                    <UsageChart daily={usage.data.daily} />
                    <p className="mt-3 text-sm text-zinc-500">
                      {plural(usage.data.totals.steps, "step")} in {plural(usage.data.totals.runs, "run")}
                      {usage.data.totals.reflections > 0
                        ? ` and ${plural(usage.data.totals.reflections, "agent reflection")} (one step each)`
                        : ""}{" "}
                      · {formatSteps(usage.data.totals.inputTokens + usage.data.totals.outputTokens)} tokens · model
                      cost {formatUsd(usage.data.totals.costUsd)}
                    </p>
                  </>
                )}
              </div>
            </Card>

            <Card>
              <CardHeader title="Plans" description="Paid plans include more steps and bill extra steps as overage." />
              <div className="p-5">
                <PlanOptions
                  billing={data!}
                  canUpgrade={Boolean(controls)}
                  pendingPlan={pendingPlan === "portal" ? null : pendingPlan}
                  onUpgrade={(plan) => open({ kind: "checkout", plan })}
                />
              </div>
            </Card>
          </>
        )}
      </PageBody>
    </>
  );
}

function planDescription(b: BillingOverview): string {
  const sub = b.subscription;
  if (sub?.cancelAtPeriodEnd && sub.currentPeriodEnd) return `Cancels on ${formatDate(sub.currentPeriodEnd)}.`;
  if (sub?.currentPeriodEnd && b.plan !== "free") return `Renews on ${formatDate(sub.currentPeriodEnd)}.`;
  return b.limits.hardStop
    ? `${formatSteps(b.limits.monthlySteps)} steps a month; runs past that are refused until next month.`
    : `${formatSteps(b.limits.monthlySteps)} steps a month included.`;
}

function SubscriptionBadge({ billing }: { billing: BillingOverview }) {
  const status = billing.subscription?.status;
  if (!status || billing.plan === "free") return null;
  if (status === "past_due") return <Badge tone="warning">Payment overdue</Badge>;
  if (status === "active" || status === "trialing") return <Badge tone="success">Active</Badge>;
  return <Badge>{status}</Badge>;
}

/** Who can change billing, and whether this server can at all. */
function BillingNotice({ billing }: { billing: BillingOverview }) {
  if (!billing.configured) {
    return (
      <Alert tone="info" title="Billing is not configured">
        This server has no Stripe keys, so plans cannot be changed here. Usage and plan limits still apply.
      </Alert>
    );
  }
  if (!billing.canManage) {
    return (
      <Alert tone="info" title="Usage only">
        Only owners and admins can change the plan or manage payment details.
      </Alert>
    );
  }
  if (billing.subscription?.status === "past_due") {
    return (
      <Alert tone="warning" title="Your last payment failed">
        Stripe will retry the charge. Update your card under Manage billing to keep the {billing.planName} plan.
      </Alert>
    );
  }
  return null;
}
