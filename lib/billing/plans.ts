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
  /**
   * The plan's limits count per owning account instead of per workspace: all
   * the workspaces one user owns on this plan share one allowance, one run
   * rate and one set of concurrency slots (Free, so more workspaces are not
   * more of the plan).
   */
  perOwner: boolean;
  /** Run creations allowed per minute per workspace (per owner when `perOwner`). */
  runsPerMinute: number;
  /** Runs executing at once per workspace (per owner when `perOwner`). */
  concurrency: number;
  /** Agent ticks executing at once per workspace (per owner when `perOwner`). */
  tickConcurrency: number;
  /** Agent reflections executing at once per workspace (per owner when `perOwner`). */
  reflectConcurrency: number;
  /**
   * The fraction of ENGINE_MAX_PARALLEL all of the plan's runs, ticks and
   * reflections together may use at once (1: no cap beyond the slots above),
   * so users of other plans always find room.
   */
  engineShare: number;
  /** Monthly price shown on the billing page, in US dollars. */
  monthlyUsd: number;
  /** Days the workspace's audit entries are kept before pruning (AUDIT_RETENTION_DAYS overrides every plan's). */
  auditRetentionDays: number;
}

const DEFAULT_PLANS: Record<Plan, PlanLimits> = {
  free: {
    name: "Free",
    monthlySteps: 1_000,
    hardStop: true,
    overageUsdPerStep: 0,
    perOwner: true,
    runsPerMinute: 30,
    concurrency: 2,
    tickConcurrency: 2,
    reflectConcurrency: 2,
    engineShare: 0.25,
    monthlyUsd: 0,
    auditRetentionDays: 30,
  },
  pro: {
    name: "Pro",
    monthlySteps: 20_000,
    hardStop: false,
    overageUsdPerStep: 0.002,
    perOwner: false,
    runsPerMinute: 300,
    concurrency: 10,
    tickConcurrency: 5,
    reflectConcurrency: 5,
    engineShare: 1,
    monthlyUsd: 49,
    auditRetentionDays: 365,
  },
  team: {
    name: "Team",
    monthlySteps: 100_000,
    hardStop: false,
    overageUsdPerStep: 0.0015,
    perOwner: false,
    runsPerMinute: 1_200,
    concurrency: 25,
    tickConcurrency: 10,
    reflectConcurrency: 10,
    engineShare: 1,
    monthlyUsd: 199,
    auditRetentionDays: 730,
  },
};

const limitsOverride = z
  .object({
    name: z.string().min(1),
    monthlySteps: z.number().int().nonnegative(),
    hardStop: z.boolean(),
    overageUsdPerStep: z.number().nonnegative(),
    perOwner: z.boolean(),
    runsPerMinute: z.number().int().positive(),
    concurrency: z.number().int().positive(),
    tickConcurrency: z.number().int().positive(),
    reflectConcurrency: z.number().int().positive(),
    engineShare: z.number().gt(0).max(1),
    monthlyUsd: z.number().nonnegative(),
    auditRetentionDays: z.number().int().positive(),
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

/**
 * The plan's cap on engine slots in all (its `engineShare` of `maxParallel`,
 * at least 1), or null when the plan has no cap of its own.
 */
export function engineShareLimit(plan: Plan, maxParallel: number): number | null {
  const share = PLANS[plan].engineShare;
  return share >= 1 ? null : Math.max(1, Math.floor(maxParallel * share));
}
