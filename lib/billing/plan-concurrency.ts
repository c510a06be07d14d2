import "server-only";
import { env } from "@/lib/env";
import type { Plan } from "@/lib/generated/prisma/enums";
import { engineShareLimit, PLANS } from "./plans";

/**
 * The trigger `if` of a plan's registration: the plan carried in the event.
 * Free also takes events without a known plan, so they get the smallest limits.
 */
export function planExpression(plan: Plan): string {
  if (plan === "free") return "event.data.plan != 'pro' && event.data.plan != 'team'";
  return `event.data.plan == '${plan}'`;
}

export interface PlanConcurrency {
  key?: string;
  limit: number;
  scope?: "env";
}

/**
 * The `concurrency` option of a function registered for one plan: `limit`
 * jobs at once per workspace, or per owning account when the plan's limits
 * count per owner (the event's `ownerId`), and, when the plan has an engine
 * share, at most that share of ENGINE_MAX_PARALLEL in all: one limit the
 * plan's runs, ticks and reflections share (scope "env", keyed by the plan),
 * not that share for each. An Inngest server and the in-process driver apply both.
 */
export function planConcurrency(plan: Plan, limit: number): [PlanConcurrency] | [PlanConcurrency, PlanConcurrency] {
  const key = PLANS[plan].perOwner ? "event.data.ownerId" : "event.data.workspaceId";
  const total = engineShareLimit(plan, env().ENGINE_MAX_PARALLEL);
  return total === null
    ? [{ key, limit }]
    : [
        { key, limit },
        { scope: "env", key: `"plan-${plan}"`, limit: total },
      ];
}
