import "server-only";
import { paymentRequired, tooManyRequests } from "@/lib/http/errors";
import type { Plan } from "@/lib/generated/prisma/enums";
import { takeRateLimit } from "@/lib/rate-limit/fixed-window";
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

/** The plan's run rate, taken for one run creation; given back if the run is not created after all. */
export interface RunRateTake {
  giveBack(): Promise<void>;
}

const holderOf = (input: Pick<AdmitRunInput, "plan" | "ownerId" | "workspaceId">) =>
  PLANS[input.plan].perOwner ? input.ownerId : input.workspaceId;

const sharedNote = (plan: Plan) =>
  PLANS[plan].perOwner ? ` (shared by every ${PLANS[plan].name} workspace of this workspace's owner)` : "";

/**
 * The first half of admission, before the run's transaction: run creation is
 * rate limited per workspace per minute by the plan (per owner on a plan whose
 * limits count per owner, Free: more workspaces are not more of the plan) →
 * 429 with Retry-After. One conditional statement checks and moves the
 * window's counter, so a burst from one workspace is never queued behind
 * itself and a refused request does not count; the caller gives the hit back
 * if the run is then not created (402, a raced idempotency key, a deleted
 * workflow).
 */
export async function takeRunRate(input: Omit<AdmitRunInput, "steps">): Promise<RunRateTake> {
  const limits = PLANS[input.plan];
  const rate = await takeRateLimit(
    runRateKey(holderOf(input)),
    limits.runsPerMinute,
    RUN_RATE_WINDOW_SECONDS,
    input.now ?? new Date(),
  );
  if (!rate.allowed) {
    throw tooManyRequests(
      `Too many runs: the ${limits.name} plan allows ${limits.runsPerMinute} runs per minute${sharedNote(input.plan)}. Try again in ${rate.retryAfterSeconds} s.`,
      rate.retryAfterSeconds,
    );
  }
  return rate;
}

/**
 * The second half, inside the short transaction that inserts the run, just
 * before the insert: on a plan with a hard stop (Free), a run that would take
 * the month past its allowance is refused → 402. The allowance is counted from
 * what finished runs used and what queued and running runs hold, so two runs
 * admitted at once must see each other: the check takes a transaction-scoped
 * advisory lock per holder, held only for the check and the insert (the
 * transaction does nothing else), and bounded by the connection's lock_timeout.
 * Paid plans are never refused for usage (steps beyond the allowance are
 * overage), so they take no lock at all.
 */
export async function admitRun(tx: SqlRunner, input: AdmitRunInput): Promise<Admission> {
  const limits = PLANS[input.plan];
  const now = input.now ?? new Date();
  const holder = holderOf(input);
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
      `The ${limits.name} plan includes ${limits.monthlySteps.toLocaleString("en-US")} workflow steps a month${sharedNote(input.plan)} and ` +
        `${left.toLocaleString("en-US")} are left; this run needs ${input.steps}. ` +
        `Upgrade to Pro on the Billing page (or POST /api/v1/billing/checkout) to keep running; extra steps are then billed as overage.`,
      { allowance: limits.monthlySteps, used, reserved, requested: input.steps, month: month.key },
    );
  }
  return { stepsThisMonth: after, allowance: limits.monthlySteps };
}
