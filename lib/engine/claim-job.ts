import "server-only";
import { db } from "@/lib/db/client";
import { PLANS } from "@/lib/billing/plans";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EngineJob } from "@/lib/generated/prisma/client";

/** Serialises claims across drivers so the per-workspace count cannot be raced past. */
const CLAIM_LOCK = 7_311_001;

const planLimits = Prisma.join(
  Object.entries(PLANS).map(([plan, limits]) => Prisma.sql`(${plan}, ${limits.concurrency}::int)`),
);

/** A claimed job with its journal (step id → stored result), read in the same statement. */
export type ClaimedJob = EngineJob & {
  journal: Record<string, unknown>;
  /** Whether another job was claimable too: when not, the driver stops looking until woken or polled. */
  more: boolean;
};

/**
 * Claims the next job this driver may run: queued and due, or running with an
 * expired lease (its driver died). A job with a concurrency key (a workspace)
 * waits while that workspace already has as many live jobs of the function as
 * its plan allows. Returns null when there is nothing to do.
 */
export async function claimJob(
  functionIds: string[],
  workerId: string,
  leaseMs: number,
  workspaces?: string[],
): Promise<ClaimedJob | null> {
  const scoped = workspaces ? Prisma.sql`AND j."concurrencyKey" = ANY(${workspaces})` : Prisma.empty;
  if (functionIds.length === 0) return null;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)`;
    const rows = await tx.$queryRaw<(EngineJob & { journal: unknown; more: boolean })[]>`
      WITH lim(plan, n) AS (VALUES ${planLimits}),
      candidates AS (
        SELECT j.id, j."runAt", j."createdAt" FROM "EngineJob" j
        LEFT JOIN "Workspace" w ON w.id = j."concurrencyKey"
        LEFT JOIN lim ON lim.plan = w.plan::text
        WHERE j."functionId" = ANY(${functionIds}) ${scoped}
          AND ((j.status = 'queued' AND j."runAt" <= now())
            OR (j.status = 'running' AND j."lockedUntil" < now()))
          AND (j."concurrencyKey" IS NULL OR lim.n IS NULL OR (
            SELECT count(*) FROM "EngineJob" r
            WHERE r."functionId" = j."functionId" AND r."concurrencyKey" = j."concurrencyKey"
              AND r.status = 'running' AND r."lockedUntil" >= now()
          ) < lim.n)
        ORDER BY j."runAt", j."createdAt"
        LIMIT 2
        FOR UPDATE OF j SKIP LOCKED
      ),
      next AS (SELECT id FROM candidates ORDER BY "runAt", "createdAt" LIMIT 1)
      UPDATE "EngineJob" e
      SET status = 'running', "lockedBy" = ${workerId},
          "lockedUntil" = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
          attempts = e.attempts + 1
      FROM next WHERE e.id = next.id
      RETURNING e.*, (
        SELECT COALESCE(json_object_agg(s."stepId", s.result), '{}'::json) FROM "EngineStep" s WHERE s."jobId" = e.id
      ) AS journal, (SELECT count(*) FROM candidates) > 1 AS more`;
    const row = rows[0];
    if (!row) return null;
    // Drivers may hand json columns back as text.
    const journal = typeof row.journal === "string" ? (JSON.parse(row.journal) as unknown) : row.journal;
    return { ...row, journal: journal as Record<string, unknown> };
  });
}

/** Extends the lease of a job this driver holds; false if it lost it. */
export async function renewLease(jobId: string, workerId: string, leaseMs: number): Promise<boolean> {
  const { count } = await db.engineJob.updateMany({
    where: { id: jobId, lockedBy: workerId, status: "running" },
    data: { lockedUntil: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}
