import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { evaluate, holds } from "./expressions";
import { wakeJobs } from "./journal";
import { mountedFunctions } from "./mounted";
import { concurrencyOf, eventMatches, type FunctionConfig } from "./registration";
import { wakeDrivers } from "./wake";

/** The event Inngest sends when a function fails for good; the SDK serves `onFailure` handlers on it. */
export const FUNCTION_FAILED = "inngest/function.failed";

/** An event as the Inngest client sends it. */
export interface IncomingEvent {
  name: string;
  id?: string;
  data?: Record<string, unknown>;
  ts?: number;
}

/** A function's trigger matches the event: its name, and its `if` expression if it has one. */
function triggers(fn: FunctionConfig, event: IncomingEvent): boolean {
  return fn.triggers.some((t) => eventMatches(t.event, event.name) && holds(t.expression, { event }));
}

/**
 * The concurrency key of a job, from the function's registered key expression.
 * A failure handler (onFailure) has none of its own: its job carries the key
 * of the job that failed, so it belongs to the same workspace.
 */
function concurrencyKey(fn: FunctionConfig, event: IncomingEvent): string | null {
  const key = concurrencyOf(fn)?.key;
  if (key) {
    const value = evaluate(key, { event });
    return value === null ? null : String(value);
  }
  if (event.name !== FUNCTION_FAILED) return null;
  const failed = event.data as { function_id?: string; event?: IncomingEvent } | undefined;
  const original = mountedFunctions().find((f) => f.fn.id === failed?.function_id)?.fn;
  return original && failed?.event ? concurrencyKey(original, failed.event) : null;
}

/**
 * What the Inngest event API does, in-process: each event starts one job per
 * mounted function it triggers (the (function, event id) pair is unique, so a
 * re-sent event starts nothing new) and resolves the `step.waitForEvent`
 * waits it matches. Returns the event ids.
 */
export async function enqueueEvents(events: IncomingEvent[]): Promise<string[]> {
  const functions = mountedFunctions();
  if (functions.length === 0) {
    throw new Error("No functions are mounted in this process: start the engine (lib/engine/start) first");
  }
  const withIds = events.map((e) => ({ ...e, id: e.id || randomUUID(), data: e.data ?? {} }));
  const now = new Date();
  const rows: Prisma.Sql[] = [];
  for (const e of withIds) {
    for (const { fn } of functions) {
      if (!triggers(fn, e)) continue;
      rows.push(
        Prisma.sql`(${randomUUID()}, ${fn.id}, ${e.name}, ${e.id}, ${JSON.stringify(e.data)}::jsonb, ${concurrencyKey(fn, e)}, ${now}, ${now})`,
      );
    }
  }
  if (rows.length > 0) {
    await db.$executeRaw`
      INSERT INTO "EngineJob" (id, "functionId", "eventName", "eventId", data, "concurrencyKey", "runAt", "createdAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("functionId", "eventId") DO NOTHING`;
    // The new jobs are claimable now: a driver with a free slot starts them while the waits are looked at.
    wakeDrivers();
  }
  if (await resolveWaits(withIds)) wakeDrivers();
  return withIds.map((e) => e.id);
}

interface Waiting {
  id: string;
  jobId: string;
  result: { event: string; if?: string };
  eventName: string;
  eventId: string;
  data: unknown;
}

/** Hands each event to the `waitForEvent` steps whose event and `if` it matches; true if it resolved any. */
async function resolveWaits(events: (IncomingEvent & { id: string })[]): Promise<boolean> {
  const names = [...new Set(events.map((e) => e.name))];
  const waiting = await db.$queryRaw<Waiting[]>`
    SELECT s.id, s."jobId", s.result, j."eventName", j."eventId", j.data
    FROM "EngineStep" s JOIN "EngineJob" j ON j.id = s."jobId"
    WHERE s.result->>'type' = 'waiting' AND s.result->>'op' = 'WaitForEvent'
      AND s.result->>'event' = ANY(${names}) AND j.status IN ('queued', 'running')`;
  let resolved = false;
  for (const w of waiting) {
    const own = { name: w.eventName, id: w.eventId, data: w.data };
    const match = events.find((e) => e.name === w.result.event && holds(w.result.if, { event: own, async: e }));
    if (!match) continue;
    resolved = true;
    const entry = JSON.stringify({ type: "data", data: match });
    await db.$executeRaw`
      WITH resolved AS (
        UPDATE "EngineStep" SET result = ${entry}::jsonb WHERE id = ${w.id} AND result->>'type' = 'waiting' RETURNING "jobId")
      ${wakeJobs}`;
  }
  return resolved;
}
