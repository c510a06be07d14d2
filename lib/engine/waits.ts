import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { ClaimedJob } from "./claim-job";
import type { Op, StepResult } from "./call-endpoint";
import { evaluate } from "./expressions";
import type { WaitEntry } from "./journal";
import { mountedFunctions } from "./mounted";
import { concurrencyOf } from "./registration";

/** Event name of an invoked function's job, as Inngest names it. */
export const INVOKED_EVENT = "inngest/function.invoked";
/** Waits without a timeout end this far ahead (Inngest's longest wait is a year). */
const FOREVER_MS = 366 * 24 * 3600_000;
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** Parses the SDK's time strings: a duration ("1h30m", "5s") or an ISO date (sleepUntil). */
export function parseTime(value: string | undefined, now = Date.now()): Date {
  if (!value) return new Date(now + FOREVER_MS);
  const parts = [...value.matchAll(/(\d+)([wdhms])/g)];
  if (parts.length > 0 && parts.map((p) => p[0]).join("") === value) {
    return new Date(now + parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MS[unit!]!, 0));
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Unreadable time "${value}"`);
  return date;
}

/** The journal entry for a wait op (Sleep, WaitForEvent, InvokeFunction). */
export function waitEntry(op: Op): WaitEntry {
  if (op.op === "Sleep") return { type: "waiting", op: op.op, until: parseTime(op.name).toISOString() };
  const timeout = op.opts?.timeout as string | undefined;
  const until = parseTime(timeout).toISOString();
  if (op.op === "WaitForEvent") {
    return { type: "waiting", op: op.op, until, event: op.name, if: op.opts?.if as string | undefined };
  }
  return { type: "waiting", op: op.op, until };
}

/** What a wait that ran out of time returns to the function. */
export function timedOut(wait: WaitEntry): StepResult {
  if (wait.op === "InvokeFunction") {
    return { type: "error", error: { name: "Error", message: "Timed out waiting for the invoked function to finish" } };
  }
  return { type: "data", data: null };
}

/**
 * step.invoke: starts the invoked function's job, named after the caller's
 * job and step so a repeat starts nothing new; its end settles the caller's wait.
 */
export async function startInvoked(job: ClaimedJob, op: Op): Promise<void> {
  const functionId = String(op.opts?.function_id);
  const target = mountedFunctions().find((f) => f.fn.id === functionId)?.fn;
  if (!target) throw new Error(`step.invoke: function "${functionId}" is not served by this app`);
  const data = ((op.opts?.payload as { data?: unknown } | undefined)?.data ?? {}) as Record<string, unknown>;
  const key = concurrencyOf(target)?.key;
  const value = key ? evaluate(key, { event: { name: INVOKED_EVENT, data } }) : null;
  await db.$executeRaw`
    INSERT INTO "EngineJob" (id, "functionId", "eventName", "eventId", data, "concurrencyKey")
    VALUES (${randomUUID()}, ${functionId}, ${INVOKED_EVENT}, ${invokeEventId(job.id, op.id)}, ${JSON.stringify(data)}::jsonb,
      ${value === null ? null : String(value)})
    ON CONFLICT ("functionId", "eventId") DO NOTHING`;
}

export function invokeEventId(jobId: string, stepId: string): string {
  return `invoke:${jobId}:${stepId}`;
}

/** The caller of an invoked job (from its event id), if it was invoked. */
export function invoker(job: { eventName: string; eventId: string }): { jobId: string; stepId: string } | null {
  if (job.eventName !== INVOKED_EVENT) return null;
  const m = /^invoke:([^:]+):(.+)$/.exec(job.eventId);
  return m ? { jobId: m[1]!, stepId: m[2]! } : null;
}
