import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";

interface OpenStep {
  jobId: string;
  stepId: string;
  /** The journal entry written by the step's own last statement, as stored. */
  written?: string;
}

const current = new AsyncLocalStorage<OpenStep>();

/** Runs a `step.run` callback with its journal slot open, so its last write can journal it too. */
export function withOpenStep<T>(jobId: string, stepId: string, fn: () => T | Promise<T>) {
  const open: OpenStep = { jobId, stepId };
  return current.run(open, async () => ({ value: await fn(), written: () => open.written }));
}

/** True inside a `step.run` callback of the in-process driver, which runs the handler straight through. */
export function inOpenStep(): boolean {
  return current.getStore() !== undefined;
}

/** The journal entry of a step result, exactly as the driver stores it. */
export function journalEntry(value: unknown): string {
  return JSON.stringify({ v: value ?? null });
}

/**
 * A CTE (`, name AS (INSERT …)`) that journals `result` as the current step's
 * result in the same statement as the step's final write, saving the driver a
 * round trip. Use it only in the callback's last write, with the value the
 * callback then returns (a callback that catches this statement's error must
 * not return that value). Outside the in-process driver (on an Inngest server)
 * it is empty and the step is journaled as usual.
 */
export function journalCte(result: unknown): Prisma.Sql {
  const open = current.getStore();
  if (!open) return Prisma.empty;
  open.written = journalEntry(result);
  return Prisma.sql`, journaled AS (
    INSERT INTO "EngineStep" (id, "jobId", "stepId", result, "createdAt")
    VALUES (${randomUUID()}, ${open.jobId}, ${open.stepId}, ${open.written}::jsonb, ${new Date()})
    ON CONFLICT ("jobId", "stepId") DO NOTHING)`;
}

/**
 * Like `journalCte`, for a result the statement computes itself: `value` is a
 * SQL json expression of the result over the rows of `from`. Call `done` with
 * the value the callback returns once the statement has succeeded.
 */
export function journalCteFrom(
  value: Prisma.Sql,
  from: Prisma.Sql,
): { sql: Prisma.Sql; done: (result: unknown) => void } {
  const open = current.getStore();
  if (!open) return { sql: Prisma.empty, done: () => {} };
  return {
    sql: Prisma.sql`, journaled AS (
      INSERT INTO "EngineStep" (id, "jobId", "stepId", result, "createdAt")
      SELECT ${randomUUID()}, ${open.jobId}, ${open.stepId}, jsonb_build_object('v', ${value}), ${new Date()}
      FROM ${from}
      ON CONFLICT ("jobId", "stepId") DO NOTHING)`,
    done: (result) => {
      open.written = journalEntry(result);
    },
  };
}
