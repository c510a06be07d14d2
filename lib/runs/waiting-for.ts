import "server-only";
import { db } from "@/lib/db/client";
import type { Scope } from "@/lib/db/tenant";
import { RUN_REQUESTED } from "@/lib/engine/events";
import { modelRetryWait } from "./model-retry-wait";
import type { RunWaitingFor } from "./waiting-for-schema";

/** Why a queued or running run is where it is, in one line (one shape, declared in waiting-for-schema). */
export type WaitingFor = RunWaitingFor;

interface JobRow {
  id: string;
  status: string;
  concurrencyKey: string | null;
  attempts: number;
  runAt: Date;
  createdAt: Date;
  lastError: string | null;
}

interface WaitRow {
  stepId: string;
  until: string | null;
  event: string | null;
}

const firstLine = (text: string) => text.split("\n")[0]!.slice(0, 200);

/**
 * Reads the in-process engine's job for a run (none where an Inngest server
 * runs it) and says what the run waits for: the engine, a concurrency slot of
 * its plan with its place in line, a step's model call waiting out its
 * provider's rate limit or another transient error, a retry after a failed
 * attempt, a durable sleep or an event, or the step that is working.
 */
export async function waitingFor(
  scope: Scope,
  run: { id: string; status: string; steps: { index: number; role: string; status: string }[] },
): Promise<WaitingFor | null> {
  if (run.status !== "queued" && run.status !== "running") return null;
  const jobs = await db.$queryRaw<JobRow[]>`
    SELECT id, status::text AS status, "concurrencyKey", attempts, "runAt", "createdAt", "lastError"
    FROM "EngineJob"
    WHERE "eventName" = ${RUN_REQUESTED} AND data->>'runId' = ${run.id} AND data->>'workspaceId' = ${scope.workspaceId}
      AND status IN ('queued', 'running')
    ORDER BY "createdAt" DESC LIMIT 1`;
  const job = jobs[0];
  const working = run.steps.find((s) => s.status === "running");
  const stepLine: WaitingFor | null = working
    ? ((await modelRetryWait(scope, run.id)) ?? {
        reason: "step",
        message: `Step ${working.index + 1} (${working.role}) is working.`,
        until: null,
        position: null,
      })
    : null;
  if (!job) {
    return (
      stepLine ?? { reason: "engine", message: "Waiting for the engine to pick it up.", until: null, position: null }
    );
  }
  const now = new Date();
  if (job.status === "queued" && job.runAt > now) {
    const waits = await db.$queryRaw<WaitRow[]>`
      SELECT "stepId", result->>'until' AS until, result->>'event' AS event FROM "EngineStep"
      WHERE "jobId" = ${job.id} AND result->>'type' = 'waiting' ORDER BY "createdAt" DESC LIMIT 1`;
    const wait = waits[0];
    const until = job.runAt.toISOString();
    if (wait?.event) {
      return {
        reason: "event",
        message: `Waiting for the event ${wait.event} (until ${wait.until ?? until}).`,
        until: wait.until ?? until,
        position: null,
      };
    }
    if (wait)
      return {
        reason: "sleep",
        message: `Sleeping until ${wait.until ?? until}.`,
        until: wait.until ?? until,
        position: null,
      };
    const error = job.lastError ? `: ${firstLine(job.lastError)}` : "";
    return { reason: "retry", message: `Retrying at ${until} after a failed attempt${error}.`, until, position: null };
  }
  if (job.status === "queued" && job.concurrencyKey) {
    const [line] = await db.$queryRaw<{ ahead: bigint; running: bigint }[]>`
      SELECT count(*) FILTER (WHERE status = 'queued' AND "runAt" <= now()
          AND ("runAt", "createdAt") < (${job.runAt}::timestamp, ${job.createdAt}::timestamp)) AS ahead,
        count(*) FILTER (WHERE status = 'running') AS running
      FROM "EngineJob" WHERE "concurrencyKey" = ${job.concurrencyKey} AND status IN ('queued', 'running')`;
    const running = Number(line?.running ?? 0);
    const position = Number(line?.ahead ?? 0) + 1;
    if (running > 0) {
      return {
        reason: "concurrency",
        message: `Waiting for a concurrency slot of its plan: ${running} running, this run is number ${position} in line.`,
        until: null,
        position,
      };
    }
  }
  if (job.status === "queued") {
    return (
      stepLine ?? { reason: "engine", message: "Waiting for the engine to pick it up.", until: null, position: null }
    );
  }
  return stepLine ?? { reason: "engine", message: "Working: between steps.", until: null, position: null };
}
