import "server-only";
import { db } from "@/lib/db/client";
import type { ClaimedJob } from "./claim-job";
import { LostLease } from "./journal";

/**
 * The ways an execution hands its job back. Each is one statement guarded by
 * the claim (`lockedBy`): an executor that lost its lease cannot complete,
 * requeue or fail a job another executor now holds (LostLease).
 */
function guarded(job: ClaimedJob, count: number): void {
  if (count !== 1) throw new LostLease(job.id);
}

export async function completeJob(job: ClaimedJob): Promise<void> {
  guarded(
    job,
    await db.$executeRaw`
      UPDATE "EngineJob" SET status = 'completed', "finishedAt" = now(), "lockedUntil" = NULL, "lastError" = NULL
      WHERE id = ${job.id} AND "lockedBy" = ${job.lockedBy} AND status = 'running'`,
  );
}

export async function failJob(job: ClaimedJob, reason: string): Promise<void> {
  guarded(
    job,
    await db.$executeRaw`
      UPDATE "EngineJob" SET status = 'failed', "finishedAt" = now(), "lockedUntil" = NULL, "lastError" = ${reason}
      WHERE id = ${job.id} AND "lockedBy" = ${job.lockedBy} AND status = 'running'`,
  );
}

/**
 * Puts the job back in the queue until `runAt`: after a failed attempt (which
 * counts, with its error), or to wait (which does not). A wait that another
 * event already ended (`waits`: their step ids) makes the job due now, and so
 * does any wake-up since the job was claimed: an event that ended a wait while
 * the job ran moved its `wakes` count, and this statement reads that count
 * under the row lock the waker also takes, so whichever comes first, the
 * wake-up is never lost until the wait's timeout.
 */
export async function requeueJob(
  job: ClaimedJob,
  runAt: Date,
  options: { failedAttempt?: string; waits?: string[] } = {},
): Promise<void> {
  const failed = options.failedAttempt !== undefined;
  const waits = options.waits ?? [];
  guarded(
    job,
    await db.$executeRaw`
      UPDATE "EngineJob" j SET status = 'queued', "lockedBy" = NULL, "lockedUntil" = NULL,
        attempts = j.attempts + CASE WHEN ${failed} THEN 1 ELSE 0 END,
        "lastError" = CASE WHEN ${failed} THEN ${options.failedAttempt ?? null}::text ELSE j."lastError" END,
        "runAt" = CASE WHEN j.wakes <> ${job.wakes} OR EXISTS (
          SELECT 1 FROM "EngineStep" s WHERE s."jobId" = j.id AND s."stepId" = ANY(${waits})
            AND s.result->>'type' <> 'waiting') THEN now() ELSE ${runAt}::timestamp END
      WHERE j.id = ${job.id} AND j."lockedBy" = ${job.lockedBy} AND j.status = 'running'`,
  );
}
