import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EngineJob } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { concurrencyOf, totalConcurrencyOf, type FunctionConfig } from "./registration";

/** Attempts of one claim when another driver took the same free slot at the same moment. */
const CLAIM_TRIES = 3;

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
 * an expired lease (its process died: that claim counts as a crash, and the job
 * keeps the slots it held). A function's concurrency limit is a set of numbered
 * slots per scope (the function, and its key, a workspace, when the limit has
 * one); a limit functions share (a plan's share of the engine) is a second set.
 * A running job holds one slot of each, and a partial unique index lets only
 * one running job hold a slot: two drivers picking the same free slot at the
 * same moment cannot both commit, so the limits hold across servers with no
 * lock that serialises claims. The claim is one statement, outside any
 * transaction a process could leave open: a driver whose event loop freezes
 * holds nothing but the leases of its jobs, which expire. Claiming is fair:
 * jobs are taken in order of how many jobs their scope already has in flight or
 * ahead of them, then by age, so one busy workspace cannot hold the others back.
 */
export async function claimJobs(req: ClaimRequest): Promise<ClaimedJob[]> {
  if (req.functions.length === 0 || req.max <= 0) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await claimOnce(req);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= CLAIM_TRIES) throw err;
    }
  }
}

async function claimOnce(req: ClaimRequest): Promise<ClaimedJob[]> {
  const limits = Prisma.join(
    req.functions.map((fn) => {
      const c = concurrencyOf(fn);
      const total = totalConcurrencyOf(fn);
      return Prisma.sql`(${fn.id}, ${c?.limit ?? null}::int, ${Boolean(c?.key)}::boolean, ${total?.limit ?? null}::int, ${total?.group ?? null})`;
    }),
  );
  const scoped = req.keys
    ? Prisma.sql`AND COALESCE(j.data->>'workspaceId', j.data#>>'{event,data,workspaceId}') = ANY(${req.keys})`
    : Prisma.empty;
  const token = `${req.workerId}:${randomBytes(4).toString("hex")}`;
  const rows = await db.$queryRaw<EngineJob[]>`
    WITH lim(fn, cap, keyed, total, grp) AS (VALUES ${limits}),
    ready AS (
      SELECT j.id, j."runAt", j."createdAt", lim.cap, lim.total, lim.grp AS "groupScope",
        j."functionId" || '/' || CASE WHEN lim.keyed THEN COALESCE(j."concurrencyKey", '') ELSE '' END AS "slotScope",
        CASE WHEN j.status = 'running' THEN j.slot END AS "heldSlot",
        CASE WHEN j.status = 'running' THEN j."groupSlot" END AS "heldGroupSlot"
      FROM "EngineJob" j JOIN lim ON lim.fn = j."functionId"
      WHERE ((j.status = 'queued' AND j."runAt" <= now()) OR (j.status = 'running' AND j."lockedUntil" < now())) ${scoped}
    ),
    -- Each job that needs a slot of its scope gets its place in the scope's line.
    placed AS (
      SELECT r.*,
        CASE WHEN r.cap IS NOT NULL AND r."heldSlot" IS NULL THEN
          row_number() OVER (PARTITION BY r."slotScope", r.cap IS NOT NULL AND r."heldSlot" IS NULL ORDER BY r."runAt", r."createdAt")
        END AS place,
        (SELECT count(*) FROM "EngineJob" t WHERE t."slotScope" = r."slotScope" AND t.status = 'running') AS busy
      FROM ready r
    ),
    -- The free slots of each scope, numbered: the n-th job in line takes the n-th free slot.
    free AS (
      SELECT s."slotScope", n AS slot, row_number() OVER (PARTITION BY s."slotScope" ORDER BY n) AS nth
      FROM (SELECT DISTINCT "slotScope", cap FROM ready WHERE cap IS NOT NULL) s, generate_series(1, s.cap) n
      WHERE NOT EXISTS (SELECT 1 FROM "EngineJob" t
        WHERE t."slotScope" = s."slotScope" AND t.status = 'running' AND t.slot = n)
    ),
    eligible AS (
      SELECT p.*, COALESCE(p."heldSlot", f.slot) AS "newSlot", p.busy + COALESCE(p.place, 0) AS turn
      FROM placed p LEFT JOIN free f ON f."slotScope" = p."slotScope" AND f.nth = p.place
      WHERE p.cap IS NULL OR p."heldSlot" IS NOT NULL OR f.slot IS NOT NULL
    ),
    -- The same again for a limit shared by several keys or functions, in order of turn.
    grouped AS (
      SELECT e.*,
        CASE WHEN e.total IS NOT NULL AND e."heldGroupSlot" IS NULL THEN
          row_number() OVER (PARTITION BY e."groupScope", e.total IS NOT NULL AND e."heldGroupSlot" IS NULL
            ORDER BY e.turn, e."runAt", e."createdAt")
        END AS "groupPlace"
      FROM eligible e
    ),
    "groupFree" AS (
      SELECT g."groupScope", n AS slot, row_number() OVER (PARTITION BY g."groupScope" ORDER BY n) AS nth
      FROM (SELECT DISTINCT "groupScope", total FROM eligible WHERE total IS NOT NULL) g, generate_series(1, g.total) n
      WHERE NOT EXISTS (SELECT 1 FROM "EngineJob" t
        WHERE t."groupScope" = g."groupScope" AND t.status = 'running' AND t."groupSlot" = n)
    ),
    picked AS (
      SELECT g.id, g."slotScope", g."newSlot", g."groupScope", COALESCE(g."heldGroupSlot", gf.slot) AS "newGroupSlot"
      FROM grouped g LEFT JOIN "groupFree" gf ON gf."groupScope" = g."groupScope" AND gf.nth = g."groupPlace"
      WHERE g.total IS NULL OR g."heldGroupSlot" IS NOT NULL OR gf.slot IS NOT NULL
      ORDER BY g.turn, g."runAt", g."createdAt" LIMIT ${req.max}
    ),
    -- Another driver may be taking some of them right now: it keeps those.
    locked AS (
      SELECT j.id FROM "EngineJob" j JOIN picked p ON p.id = j.id
      WHERE j.status = 'queued' OR (j.status = 'running' AND j."lockedUntil" < now())
      FOR UPDATE OF j SKIP LOCKED
    )
    UPDATE "EngineJob" e
    SET status = 'running', "lockedBy" = ${token},
        "lockedUntil" = now() + make_interval(secs => ${req.leaseMs / 1000}::double precision),
        crashes = e.crashes + CASE WHEN e.status = 'running' THEN 1 ELSE 0 END,
        "slotScope" = p."slotScope", slot = p."newSlot", "groupScope" = p."groupScope", "groupSlot" = p."newGroupSlot"
    FROM picked p JOIN locked l ON l.id = p.id
    WHERE e.id = p.id AND (e.status = 'queued' OR (e.status = 'running' AND e."lockedUntil" < now()))
    RETURNING e.*`;
  return rows as ClaimedJob[];
}

/** Extends the lease of a claim; false if it was lost. */
export async function renewLease(job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "EngineJob" SET "lockedUntil" = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
    WHERE id = ${job.id} AND "lockedBy" = ${job.lockedBy} AND status = 'running'`;
  return n === 1;
}
