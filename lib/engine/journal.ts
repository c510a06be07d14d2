import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimedJob } from "./claim-job";
import type { StepResult } from "./call-endpoint";

/** A step waiting for time, an event or an invoked function (Sleep, WaitForEvent, InvokeFunction). */
export interface WaitEntry {
  type: "waiting";
  op: string;
  /** When the wait ends on its own (sleep over, or timeout). */
  until: string;
  /** WaitForEvent: the event name and `if` expression to match. */
  event?: string;
  if?: string;
}

/** What EngineStep.result holds: a finished step as the protocol carries it, or a wait. */
export type JournalEntry = StepResult | WaitEntry;

/** Thrown when a write of an execution finds that its claim was lost (another executor has the job). */
export class LostLease extends Error {
  constructor(jobId: string) {
    super(`Lost the lease on job ${jobId}; another executor has it`);
  }
}

/** The job's journal, step id → entry, in the order the steps finished. */
export async function readJournal(jobId: string): Promise<Map<string, JournalEntry>> {
  const rows = await db.engineStep.findMany({
    where: { jobId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { stepId: true, result: true },
  });
  // The column holds only what journalStep wrote: a JournalEntry, serialised as Inngest serialises step results.
  return new Map(rows.map((r) => [r.stepId, r.result as unknown as JournalEntry]));
}

/**
 * Journals a step, guarded by the claim: only while the job is still held by
 * `job.lockedBy` (the row is locked by the same statement, so a claim cannot
 * slip in between). A finished step replaces a wait, never another result.
 * A finished step also resets the job's attempts: retries count per step.
 * Throws LostLease when the claim is gone.
 */
export async function writeStep(job: ClaimedJob, stepId: string, entry: JournalEntry): Promise<void> {
  const finished = entry.type !== "waiting";
  const rows = await db.$queryRaw<{ held: number }[]>`
    WITH held AS (
      UPDATE "EngineJob" SET attempts = CASE WHEN ${finished}::boolean THEN 0 ELSE attempts END
      WHERE id = ${job.id} AND "lockedBy" = ${job.lockedBy} AND status = 'running'
      RETURNING id
    ), written AS (
      INSERT INTO "EngineStep" (id, "jobId", "stepId", result, "createdAt")
      SELECT ${randomUUID()}, id, ${stepId}, ${JSON.stringify(entry)}::jsonb, clock_timestamp() FROM held
      ON CONFLICT ("jobId", "stepId") DO UPDATE SET result = EXCLUDED.result
      WHERE "EngineStep".result->>'type' = 'waiting'
    )
    SELECT count(*)::int AS held FROM held`;
  if (rows[0]?.held !== 1) throw new LostLease(job.id);
}

/**
 * Ends a wait of another job from outside it (an invoked function finished):
 * the waiting step gets `result` and its job is due now.
 */
export async function settleWait(
  jobId: string,
  stepId: string,
  result: StepResult,
  client: Pick<typeof db, "$executeRaw"> = db,
): Promise<void> {
  await client.$executeRaw`
    WITH resolved AS (
      UPDATE "EngineStep" SET result = ${JSON.stringify(result)}::jsonb
      WHERE "jobId" = ${jobId} AND "stepId" = ${stepId} AND result->>'type' = 'waiting'
      RETURNING "jobId")
    ${wakeJobs}`;
}

/**
 * The second half of every statement that ends a wait (after a `resolved` CTE
 * of the job ids): a queued job is due now; a running one has its `wakes`
 * count moved, under its row lock, so the run that holds it, when it puts it
 * back to wait, sees the wake-up however the two interleave (./end-job.ts).
 */
export const wakeJobs = Prisma.sql`
    UPDATE "EngineJob" SET wakes = wakes + 1, "runAt" = CASE WHEN status = 'queued' THEN now() ELSE "runAt" END
    WHERE id IN (SELECT "jobId" FROM resolved)`;
