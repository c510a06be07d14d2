/** Shapes of GET /api/v1/billing and GET /api/v1/usage as the dashboard reads them. */

export type PlanId = "free" | "pro" | "team";

export interface PlanOption {
  id: PlanId;
  name: string;
  monthlySteps: number;
  monthlyUsd: number;
  overageUsdPerStep: number;
  runsPerMinute: number;
  concurrency: number;
}

export interface BillingOverview {
  plan: PlanId;
  planName: string;
  configured: boolean;
  hasBillingAccount: boolean;
  canManage: boolean;
  month: string;
  subscription: {
    status: string;
    plan: PlanId;
    currentPeriodStart: string | null;
    currentPeriodEnd: string | null;
    cancelAtPeriodEnd: boolean;
  } | null;
  limits: Omit<PlanOption, "id" | "name"> & { hardStop: boolean };
  usage: {
    monthToDateSteps: number;
    reservedSteps: number;
    remainingSteps: number;
    overageSteps: number;
    overageUsd: number;
    projectedSteps: number;
    projectedOverageSteps: number;
    projectedOverageUsd: number;
  };
  plans: PlanOption[];
}

export interface UsageDay {
  date: string;
  steps: number;
  runs: number;
  /** Answered agent reflections, each billed as one step (included in `steps`). */
  reflections: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface MonthlyUsage {
  month: string;
  totals: Omit<UsageDay, "date">;
  daily: UsageDay[];
}
