import { z } from "zod";
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

const DEFAULT_PLANS: Record<Plan, PlanLimits> = {
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

const limitsOverride = z
  .object({
    name: z.string().min(1),
    monthlySteps: z.number().int().nonnegative(),
    hardStop: z.boolean(),
    overageUsdPerStep: z.number().nonnegative(),
    runsPerMinute: z.number().int().positive(),
    concurrency: z.number().int().positive(),
    monthlyUsd: z.number().nonnegative(),
  })
  .partial()
  .strict();
const overridesSchema = z
  .object({ free: limitsOverride, pro: limitsOverride, team: limitsOverride })
  .partial()
  .strict();

/**
 * An operator can change any plan's limits with PLAN_LIMITS_JSON, e.g.
 * `{"free":{"monthlySteps":5000},"team":{"concurrency":50}}`; unnamed fields keep their defaults.
 */
function withOverrides(raw: string | undefined): Record<Plan, PlanLimits> {
  if (!raw) return DEFAULT_PLANS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("PLAN_LIMITS_JSON is not valid JSON");
  }
  const result = overridesSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`PLAN_LIMITS_JSON: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const o = result.data;
  return {
    free: { ...DEFAULT_PLANS.free, ...o.free },
    pro: { ...DEFAULT_PLANS.pro, ...o.pro },
    team: { ...DEFAULT_PLANS.team, ...o.team },
  };
}

export const PLANS: Record<Plan, PlanLimits> = withOverrides(process.env.PLAN_LIMITS_JSON);

export function planLimits(plan: Plan): PlanLimits {
  return PLANS[plan];
}
