import "server-only";
import { NonRetriableError } from "inngest";
import { db } from "@/lib/db/client";
import type { EngineJob, Prisma } from "@/lib/generated/prisma/client";
import { renewLease, type ClaimedJob } from "./claim-job";
import type { EngineConfig } from "./config";
import { handlerOf, maxAttempts, type AnyFunction } from "./inspect-function";
import { createStepTools, Reschedule } from "./step-tools";

const logger = {
  info: (...a: unknown[]) => console.info("[engine]", ...a),
  warn: (...a: unknown[]) => console.warn("[engine]", ...a),
  error: (...a: unknown[]) => console.error("[engine]", ...a),
  debug: () => {},
};

function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(10 * 60_000, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Runs one claimed job: the function's own handler with the driver's step
 * tools, replaying journaled steps. Success completes the job; an error
 * requeues it with exponential backoff until the function's retries are spent.
 */
export async function executeJob(
  job: EngineJob | ClaimedJob,
  fn: AnyFunction,
  workerId: string,
  config: EngineConfig,
): Promise<void> {
  const journal = new Map<string, unknown>(
    "journal" in job
      ? Object.entries(job.journal)
      : (await db.engineStep.findMany({ where: { jobId: job.id }, select: { stepId: true, result: true } })).map(
          (r) => [r.stepId, r.result],
        ),
  );
  const renew = setInterval(
    () => {
      renewLease(job.id, workerId, config.leaseMs).catch(() => {});
    },
    Math.max(50, Math.floor(config.leaseMs / 3)),
  );
  renew.unref();

  const event = { name: job.eventName, id: job.eventId, data: job.data, ts: job.createdAt.getTime() };
  const mine = { id: job.id, lockedBy: workerId, status: "running" as const };
  try {
    await handlerOf(fn)({
      event,
      events: [event],
      step: createStepTools(job.id, journal),
      runId: job.id,
      attempt: job.attempts - 1,
      maxAttempts: maxAttempts(fn),
      logger,
    });
    // One statement (updateMany would wrap itself in a transaction).
    await db.$executeRaw`
      UPDATE "EngineJob" SET status = 'completed', "finishedAt" = ${new Date()}, "lockedUntil" = NULL, "lastError" = NULL
      WHERE id = ${job.id} AND "lockedBy" = ${workerId} AND status = 'running'`;
  } catch (err) {
    if (err instanceof Reschedule) {
      await db.engineJob.updateMany({
        where: mine,
        data: { status: "queued", runAt: err.until, lockedUntil: null, lockedBy: null, attempts: { decrement: 1 } },
      });
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    const final = err instanceof NonRetriableError || job.attempts >= maxAttempts(fn);
    const data: Prisma.EngineJobUpdateManyMutationInput = final
      ? { status: "failed", finishedAt: new Date(), lockedUntil: null, lastError: message }
      : {
          status: "queued",
          runAt: new Date(Date.now() + backoffMs(job.attempts, config.retryBaseMs)),
          lockedUntil: null,
          lockedBy: null,
          lastError: message,
        };
    await db.engineJob.updateMany({ where: mine, data });
    logger.warn(
      `${job.functionId} attempt ${job.attempts} ${final ? "failed for good" : "failed, will retry"}: ${message}`,
    );
  } finally {
    clearInterval(renew);
  }
}
