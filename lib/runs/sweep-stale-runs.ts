import "server-only";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { engineConfig, usesInngestServer } from "@/lib/engine/config";
import { sendEvent } from "@/lib/engine/send-event";
import type { Plan, RunStatus } from "@/lib/generated/prisma/enums";
import { workspaceOwner } from "@/lib/billing/workspace-owner";
import { runRequestedEvent } from "./create-run";
import { finishRun } from "./finish-run";
import { recordSweep } from "./record-sweep";

/** On an Inngest server, retries back off for minutes: wait at least this long before declaring a run dead. */
const INNGEST_MIN_STALE_MS = 15 * 60_000;
/** Candidates read per query. */
const PAGE = 200;
/** run-crew's registrations (one per plan) all start with this id. */
const RUN_CREW_ID = "loopllama-run-crew-";
/** Finished in-process jobs are kept this long, then deleted. */
const JOB_RETENTION_MS = 7 * 24 * 3600_000;

export interface SweepOptions {
  /** Only look at this workspace's runs (tests share a database). */
  workspaceId?: string;
  now?: Date;
}

export interface SweptRun {
  runId: string;
  workspaceId: string;
  action: "resumed" | "failed";
  status?: RunStatus;
  agentTickId?: string | null;
  usageEventId?: string | null;
}

/**
 * Finds runs that say queued or running but whose worker is gone (heartbeat
 * older than RUN_STALE_MS and no live job), and makes their status true again:
 * in-process, a run whose job is lost or finished is re-enqueued (it resumes
 * after its last completed step) and one whose job gave up is failed with the
 * job's last error; on an Inngest server, whose state we cannot see, a running
 * run silent for long is failed (a queued one is left to Inngest). Each action
 * is recorded in the run's `sweeps`.
 */
export async function sweepStaleRuns(options: SweepOptions = {}): Promise<SweptRun[]> {
  const now = options.now ?? new Date();
  const inngest = usesInngestServer();
  const staleMs = inngest ? Math.max(engineConfig().staleMs, INNGEST_MIN_STALE_MS) : engineConfig().staleMs;
  const staleBefore = new Date(now.getTime() - staleMs);
  const swept: SweptRun[] = [];
  // Every candidate, a page at a time, so no backlog hides a lost run.
  for (let cursor: string | undefined; ;) {
    const runs = await db.run.findMany({
      where: {
        AND: [
          options.workspaceId ? { workspaceId: options.workspaceId } : {},
          // Under an Inngest server a queued run waits for Inngest to start it (backlog, concurrency).
          { status: { in: inngest ? ["running"] : ["queued", "running"] } },
          // A run waiting for a person beats no heartbeat; Inngest holds its wait (in-process, its job does).
          inngest ? { waitingFor: null } : {},
          { OR: [{ heartbeatAt: { lt: staleBefore } }, { heartbeatAt: null, createdAt: { lt: staleBefore } }] },
        ],
      },
      select: { id: true, workspaceId: true, heartbeatAt: true, workspace: { select: { plan: true } } },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const run of runs) swept.push(...(await sweepRun(run, inngest, now)));
    if (runs.length < PAGE) break;
    cursor = runs[runs.length - 1]!.id;
  }

  if (!options.workspaceId) {
    await db.engineJob.deleteMany({
      where: {
        status: { in: ["completed", "failed"] },
        finishedAt: { lt: new Date(now.getTime() - JOB_RETENTION_MS) },
      },
    });
  }
  return swept;
}

/** One stale candidate: resumed, failed, or left alone (its job is queued or live). */
async function sweepRun(
  run: { id: string; workspaceId: string; heartbeatAt: Date | null; workspace: { plan: Plan } },
  inngest: boolean,
  now: Date,
): Promise<SweptRun[]> {
  const base = { runId: run.id, workspaceId: run.workspaceId };
  const since = run.heartbeatAt ? `since ${run.heartbeatAt.toISOString()}` : "ever";
  // What the sweep did is kept on the run, for its page and the API.
  const failed = async (reason: string): Promise<SweptRun[]> => {
    const done = await finishRun(scopeFor(run.workspaceId), run.id, { failWith: reason });
    if (done.status === "failed") await recordSweep(run, { at: now.toISOString(), action: "failed", reason });
    return [{ ...base, action: "failed", ...done }];
  };
  if (inngest) return failed(`The engine stopped working on this run (no heartbeat ${since})`);
  const job = await db.engineJob.findFirst({
    where: { functionId: { startsWith: RUN_CREW_ID }, data: { path: ["runId"], equals: run.id } },
    orderBy: { createdAt: "desc" },
  });
  if (job?.status === "queued") return []; // waiting for its turn (backoff or plan concurrency)
  if (job?.status === "running") return []; // live, or its lease expires and a driver resumes it
  if (job?.status === "failed") {
    return failed(`The engine gave up after ${job.attempts} attempts: ${job.lastError ?? "unknown error"}`);
  }
  if (job) {
    // The job ended but the run did not: run it again; its journal skips finished steps.
    await db.engineJob.update({
      where: { id: job.id },
      data: { status: "queued", runAt: now, attempts: 0, lockedUntil: null, lockedBy: null, finishedAt: null },
    });
  } else {
    const { ownerId } = await workspaceOwner(db, run.workspaceId);
    await sendEvent({
      ...runRequestedEvent(run.id, run.workspaceId, run.workspace.plan, ownerId),
      id: `resume:${run.id}`,
    });
  }
  await db.run.update({ where: { id: run.id }, data: { heartbeatAt: now } });
  await recordSweep(run, {
    at: now.toISOString(),
    action: "requeued",
    reason: job
      ? `No heartbeat ${since} and its engine job had ended without finishing it: queued again, it resumes after its last completed step.`
      : `No heartbeat ${since} and no engine job for it: sent to the engine again, it resumes after its last completed step.`,
  });
  return [{ ...base, action: "resumed" }];
}
