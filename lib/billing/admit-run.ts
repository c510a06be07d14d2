import "server-only";
import { paymentRequired, tooManyRequests } from "@/lib/http/errors";
import type { Plan } from "@/lib/generated/prisma/enums";
import { hitRateLimit } from "@/lib/rate-limit/fixed-window";
import { monthOf } from "./month";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { monthSteps } from "./month-steps";
import { ownerMonthSteps } from "./owner-month-steps";
import { PLANS } from "./plans";

export interface AdmitRunInput {
  workspaceId: string;
  plan: Plan;
  /** The workspace's owning account (lib/billing/workspace-owner), for plans whose limits count per owner. */
  ownerId: string;
  /** Steps the new run will take (its crew's length). */
  steps: number;
  now?: Date;
}

export interface Admission {
  /** Steps counted against the month, this run included. */
  stepsThisMonth: number;
  allowance: number;
}

export const RUN_RATE_WINDOW_SECONDS = 60;

/** The rate window of a workspace, or of an owner on a plan whose limits count per owner. */
export const runRateKey = (holderId: string) => `runs:${holderId}`;

/**
 * Decides whether a workspace may create a run now. Call it inside the
 * transaction that inserts the run, before the insert:
 *
 * On a plan whose limits count per owner (Free), everything below is counted
 * for the owning account across all its workspaces on the plan, not for the
 * one workspace: more workspaces are not more of the plan.
 *
 * 1. Run creation is rate limited per workspace per minute by the plan → 429
 *    with Retry-After. The hit is counted on the transaction's own connection
 *    (a second connection per waiting request could exhaust the pool), so a
 *    refused request does not count.
 * 2. On a plan with a hard stop (Free), a run that would take the month past its
 *    allowance is refused → 402. The check takes a transaction-scoped advisory
 *    lock per workspace, so concurrent requests are admitted one at a time and
 *    each sees the runs the previous ones inserted (queued runs hold their steps).
 *
 * Paid plans are never refused for usage: steps beyond the allowance are overage.
 */
export async function admitRun(tx: SqlRunner, input: AdmitRunInput): Promise<Admission> {
  const limits = PLANS[input.plan];
  const now = input.now ?? new Date();
  const holder = limits.perOwner ? input.ownerId : input.workspaceId;
  const shared = limits.perOwner ? ` (shared by every ${limits.name} workspace of this workspace's owner)` : "";

  const rate = await hitRateLimit(runRateKey(holder), limits.runsPerMinute, RUN_RATE_WINDOW_SECONDS, now, tx);
  if (!rate.allowed) {
    throw tooManyRequests(
      `Too many runs: the ${limits.name} plan allows ${limits.runsPerMinute} runs per minute${shared}. Try again in ${rate.retryAfterSeconds} s.`,
      rate.retryAfterSeconds,
    );
  }

  const month = monthOf(now);
  if (!limits.hardStop) {
    // No lock needed: nothing is refused, and the count is informational.
    return { stepsThisMonth: 0, allowance: limits.monthlySteps };
  }

  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`admit:${holder}`}))) AS l`;
  const { used, reserved } = limits.perOwner
    ? await ownerMonthSteps(tx, input.ownerId, input.plan, month)
    : await monthSteps(tx, input.workspaceId, month);
  const after = used + reserved + input.steps;
  if (after > limits.monthlySteps) {
    const left = Math.max(0, limits.monthlySteps - used - reserved);
    throw paymentRequired(
      `The ${limits.name} plan includes ${limits.monthlySteps.toLocaleString("en-US")} workflow steps a month${shared} and ` +
        `${left.toLocaleString("en-US")} are left; this run needs ${input.steps}. ` +
        `Upgrade to Pro on the Billing page (or POST /api/v1/billing/checkout) to keep running; extra steps are then billed as overage.`,
      { allowance: limits.monthlySteps, used, reserved, requested: input.steps, month: month.key },
    );
  }
  return { stepsThisMonth: after, allowance: limits.monthlySteps };
}
