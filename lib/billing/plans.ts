import type { Plan } from "@/lib/generated/prisma/enums";

export interface PlanLimits {
  name: string;
  /** Workflow steps included each calendar month (UTC). */
  monthlySteps: number;
  /** Free stops at the allowance (402); paid plans bill steps beyond it as overage. */
  hardStop: boolean;
  /** Price of one step beyond the allowance, in US dollars. */
  overageUsdPerStep: number;
  /** Run creations allowed per minute per workspace. */
  runsPerMinute: number;
  /** Runs executing at once per workspace. */
  concurrency: number;
  /** Monthly price shown on the billing page, in US dollars. */
  monthlyUsd: number;
}

export const PLANS: Record<Plan, PlanLimits> = {
  free: {
    name: "Free",
    monthlySteps: 1_000,
    hardStop: true,
    overageUsdPerStep: 0,
    runsPerMinute: 30,
    concurrency: 2,
    monthlyUsd: 0,
  },
  pro: {
    name: "Pro",
    monthlySteps: 20_000,
    hardStop: false,
    overageUsdPerStep: 0.002,
    runsPerMinute: 300,
    concurrency: 10,
    monthlyUsd: 49,
  },
  team: {
    name: "Team",
    monthlySteps: 100_000,
    hardStop: false,
    overageUsdPerStep: 0.0015,
    runsPerMinute: 1_200,
    concurrency: 25,
    monthlyUsd: 199,
  },
};

export function planLimits(plan: Plan): PlanLimits {
  return PLANS[plan];
}
