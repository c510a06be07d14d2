import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EngineJob } from "@/lib/generated/prisma/client";
import { concurrencyOf, totalConcurrencyOf, type FunctionConfig } from "./registration";

/** Serialises claims across drivers so a concurrency limit cannot be raced past. */
const CLAIM_LOCK = 7_311_001;

/** A claimed job; `lockedBy` is this claim's own token, which guards every write of the execution. */
export type ClaimedJob = EngineJob & { lockedBy: string };

export interface ClaimRequest {
  /** The functions this driver runs, with their registered concurrency limits. */
  functions: FunctionConfig[];
  workerId: string;
  leaseMs: number;
  /** Most jobs to claim now (the driver's free slots). */
  max: number;
  /**
   * Only claim jobs of these workspaces: the workspaceId of the job's event (or,
   * for a failure handler, of the event that failed). Tests sharing a database use it.
   */
  keys?: string[];
}

/**
 * Claims up to `max` jobs this driver may run: queued and due, or running with
 * an expired lease (its process died: that claim counts as a crash). A
 * function's concurrency limit counts its live jobs per key (a workspace) or,
 * without a key, in all; a limit functions share (a plan's share of the
 * engine) counts the live jobs of all of them. Claiming is fair: jobs are taken in order of how many
 * jobs their key already has in flight or ahead of them, then by age, so one
 * busy workspace cannot hold the others back.
 */
export async function claimJobs(req: ClaimRequest): Promise<ClaimedJob[]> {
  if (req.functions.length === 0 || req.max <= 0) return [];
  const limits = Prisma.join(
    req.functions.map((fn) => {
      const c = concurrencyOf(fn);
      const total = totalConcurrencyOf(fn);
      return Prisma.sql`(${fn.id}, ${c?.limit ?? null}::int, ${Boolean(c?.key)}::boolean, ${total?.limit ?? null}::int, ${total?.group ?? fn.id})`;
    }),
  );
  const scoped = req.keys
    ? Prisma.sql`AND COALESCE(j.data->>'workspaceId', j.data#>>'{event,data,workspaceId}') = ANY(${req.keys})`
    : Prisma.empty;
  const token = `${req.workerId}:${randomBytes(4).toString("hex")}`;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)`;
    const rows = await tx.$queryRaw<EngineJob[]>`
      WITH lim(fn, cap, keyed, total, grp) AS (VALUES ${limits}),
      live AS (
        SELECT "functionId", "concurrencyKey", count(*) AS n FROM "EngineJob"
        WHERE status = 'running' AND "lockedUntil" >= now() GROUP BY 1, 2
      ),
      ready AS (
        SELECT j.id, j."functionId", j."runAt", j."createdAt", lim.cap, lim.total, lim.grp,
          row_number() OVER (
            PARTITION BY j."functionId", CASE WHEN lim.keyed THEN j."concurrencyKey" END
            ORDER BY j."runAt", j."createdAt") AS place,
          COALESCE((SELECT sum(l.n) FROM live l WHERE l."functionId" = j."functionId"
            AND (NOT lim.keyed OR l."concurrencyKey" IS NOT DISTINCT FROM j."concurrencyKey")), 0) AS busy
        FROM "EngineJob" j JOIN lim ON lim.fn = j."functionId"
        WHERE ((j.status = 'queued' AND j."runAt" <= now()) OR (j.status = 'running' AND j."lockedUntil" < now())) ${scoped}
      ),
      eligible AS (
        SELECT ready.*, busy + place AS turn FROM ready WHERE cap IS NULL OR busy + place <= cap
      ),
      counted AS (
        SELECT e.*,
          row_number() OVER (PARTITION BY e.grp ORDER BY e.turn, e."runAt", e."createdAt") AS "fnPlace",
          COALESCE((SELECT sum(l.n) FROM live l JOIN lim g ON g.fn = l."functionId" WHERE g.grp = e.grp), 0) AS "fnBusy"
        FROM eligible e
      ),
      picked AS (
        SELECT id FROM counted WHERE total IS NULL OR "fnBusy" + "fnPlace" <= total
        ORDER BY turn, "runAt", "createdAt" LIMIT ${req.max}
      )
      UPDATE "EngineJob" e
      SET status = 'running', "lockedBy" = ${token},
          "lockedUntil" = now() + make_interval(secs => ${req.leaseMs / 1000}::double precision),
          crashes = e.crashes + CASE WHEN e.status = 'running' THEN 1 ELSE 0 END
      FROM picked WHERE e.id = picked.id
        AND (e.status = 'queued' OR (e.status = 'running' AND e."lockedUntil" < now()))
      RETURNING e.*`;
    return rows as ClaimedJob[];
  });
}

/** Extends the lease of a claim; false if it was lost. */
export async function renewLease(job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "EngineJob" SET "lockedUntil" = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
    WHERE id = ${job.id} AND "lockedBy" = ${job.lockedBy} AND status = 'running'`;
  return n === 1;
}
