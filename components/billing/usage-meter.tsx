import type { BillingOverview } from "@/lib/queries/billing-types";
import { cn } from "@/components/ui/cn";
import { formatSteps, formatUsd } from "./format-billing";

/** Month-to-date steps against the plan's allowance, with what runs still hold and the projection. */
export function UsageMeter({ billing }: { billing: BillingOverview }) {
  const { usage, limits } = billing;
  const allowance = limits.monthlySteps;
  const used = usage.monthToDateSteps;
  const share = Math.min(100, (used / allowance) * 100);
  const reservedShare = Math.min(100 - share, (usage.reservedSteps / allowance) * 100);
  const percent = Math.round(share);
  const over = used > allowance;
  const tone = over ? (limits.hardStop ? "bg-red-600" : "bg-amber-500") : percent >= 80 ? "bg-amber-500" : "bg-accent";

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-zinc-600">
          <span className="text-2xl font-semibold text-zinc-900 tabular-nums">{formatSteps(used)}</span> of{" "}
          <span className="tabular-nums">{formatSteps(allowance)}</span> workflow steps used
        </p>
        <p className="text-sm text-zinc-500 tabular-nums">{percent}%</p>
      </div>
      <div
        role="progressbar"
        aria-label="Workflow steps used this month"
        aria-valuemin={0}
        aria-valuemax={allowance}
        aria-valuenow={Math.min(used, allowance)}
        aria-valuetext={`${formatSteps(used)} of ${formatSteps(allowance)} steps`}
        className="flex h-3 w-full overflow-hidden rounded-full bg-zinc-100"
      >
        <div className={cn("h-full transition-all", tone)} style={{ width: `${share}%` }} />
        {reservedShare > 0 ? <div className="h-full bg-zinc-300" style={{ width: `${reservedShare}%` }} /> : null}
      </div>
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <Stat label="Remaining" value={formatSteps(usage.remainingSteps)} />
        <Stat label="Held by queued runs" value={formatSteps(usage.reservedSteps)} />
        <Stat label="Projected this month" value={formatSteps(usage.projectedSteps)} />
        <Stat
          label="Projected overage"
          value={
            limits.hardStop
              ? "None (runs stop at the limit)"
              : `${formatUsd(usage.projectedOverageUsd)} · ${formatSteps(usage.projectedOverageSteps)} steps`
          }
        />
      </dl>
      {limits.hardStop && usage.remainingSteps === 0 ? (
        <p className="text-sm text-red-700">
          The monthly allowance is used up: new runs are refused until next month or an upgrade.
        </p>
      ) : null}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-zinc-900 tabular-nums">{value}</dd>
    </div>
  );
}
