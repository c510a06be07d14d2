import "server-only";
import Stripe from "stripe";
import { db } from "@/lib/db/client";
import { PLANS } from "./plans";
import { stripeClient } from "./stripe-client";
import { stripeEnv } from "./stripe-env";

/** Stripe accepts meter events up to 35 days old; older ones cannot be billed. */
export const METER_MAX_AGE_MS = 35 * 86_400_000;

export type ReportOutcome =
  /** Sent to the meter (now, or already by an earlier attempt). */
  | { status: "reported"; usageEventId: string }
  | { status: "already_reported"; usageEventId: string }
  /**
   * Not billable (the workspace is on a plan without overage, or has no Stripe
   * customer): settled without sending. Such rows get `reportedAt` set with
   * `reportAttempts` left at 0, so the sweep never picks them up again.
   */
  | { status: "not_billable"; usageEventId: string }
  /** Stripe is not configured here; the row stays unreported for a later sweep. */
  | { status: "not_configured"; usageEventId: string }
  | { status: "missing"; usageEventId: string };

/** A send that failed; `retryable` is false when trying again cannot help (4xx other than 429). */
export class MeterReportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "MeterReportError";
  }
}

function isDuplicateIdentifier(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeError && err.code === "resource_already_exists";
}

function isRetryable(err: unknown): boolean {
  if (!(err instanceof Stripe.errors.StripeError)) return true;
  const status = err.statusCode ?? 0;
  return status === 0 || status === 409 || status === 429 || status >= 500;
}

/**
 * Sends one usage event's steps to the Stripe Billing Meter, exactly once, when
 * the plan recorded on the event has overage (usage on Free is never sent, even
 * after an upgrade; usage on Pro is sent even after a downgrade). The
 * usage event id is the meter event's `identifier` (Stripe drops repeats) and
 * the request's idempotency key, and `reportedAt` marks it done. A failure is
 * recorded on the row (attempts, last error) and thrown so the caller retries.
 */
export async function reportUsageEvent(usageEventId: string, now = new Date()): Promise<ReportOutcome> {
  const usage = await db.usageEvent.findUnique({
    where: { id: usageEventId },
    select: {
      id: true,
      steps: true,
      createdAt: true,
      reportedAt: true,
      plan: true,
      workspace: { select: { plan: true, stripeCustomerId: true } },
    },
  });
  if (!usage) return { status: "missing", usageEventId };
  if (usage.reportedAt) return { status: "already_reported", usageEventId };

  // Billed under the plan in force when the steps were used (rows from before the
  // plan was recorded fall back to the current one), not the plan at sending time.
  const plan = usage.plan ?? usage.workspace.plan;
  const { stripeCustomerId } = usage.workspace;
  if (PLANS[plan].hardStop || !stripeCustomerId || usage.steps <= 0) {
    await db.usageEvent.updateMany({ where: { id: usage.id, reportedAt: null }, data: { reportedAt: now } });
    return { status: "not_billable", usageEventId };
  }
  const stripe = stripeClient();
  if (!stripe) return { status: "not_configured", usageEventId };

  if (now.getTime() - usage.createdAt.getTime() > METER_MAX_AGE_MS) {
    await recordFailure(usage.id, "Older than 35 days: Stripe no longer accepts it.");
    throw new MeterReportError("Usage event is older than 35 days and cannot be reported.", false);
  }

  try {
    await stripe.billing.meterEvents.create(
      {
        event_name: stripeEnv().STRIPE_METER_EVENT_NAME,
        payload: { stripe_customer_id: stripeCustomerId, value: String(usage.steps) },
        identifier: usage.id,
        timestamp: Math.floor(usage.createdAt.getTime() / 1000),
      },
      { idempotencyKey: `loopllama-meter-${usage.id}` },
    );
  } catch (err) {
    if (!isDuplicateIdentifier(err)) {
      const message = err instanceof Error ? err.message : String(err);
      await recordFailure(usage.id, message);
      throw new MeterReportError(`Meter event for usage ${usage.id} failed: ${message}`, isRetryable(err));
    }
  }
  await db.usageEvent.update({
    where: { id: usage.id },
    data: { reportedAt: now, reportAttempts: { increment: 1 }, lastReportError: null },
  });
  return { status: "reported", usageEventId };
}

async function recordFailure(id: string, message: string): Promise<void> {
  await db.usageEvent.update({
    where: { id },
    data: { reportAttempts: { increment: 1 }, lastReportError: message.slice(0, 1000) },
  });
}

/** After this many failed sends the sweep stops trying; the row keeps its last error for a person to see. */
export const MAX_REPORT_ATTEMPTS = 25;

/**
 * Usage events still waiting for the meter, across workspaces (system work):
 * older than `minAgeMs` (the event-driven send had its chance), young enough
 * for Stripe, not given up on.
 */
export async function findUnreportedUsage(now = new Date(), minAgeMs = 5 * 60_000, limit = 100): Promise<string[]> {
  const rows = await db.usageEvent.findMany({
    where: {
      reportedAt: null,
      reportAttempts: { lt: MAX_REPORT_ATTEMPTS },
      createdAt: { lt: new Date(now.getTime() - minAgeMs), gt: new Date(now.getTime() - METER_MAX_AGE_MS) },
    },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
