import "server-only";
import { durationToMs, NonRetriableError } from "inngest";
import { db } from "@/lib/db/client";
import { randomUUID } from "node:crypto";
import { journalEntry, withOpenStep } from "./journal-context";
import { sendEvent, type EngineEvent } from "./send-event";

/** Sleeps up to this long stay in the process; longer ones put the job back in the queue. */
const IN_PROCESS_SLEEP_MS = 5_000;

/** Thrown by `step.sleep` to park the job until `until`; the driver requeues it without counting an attempt. */
export class Reschedule extends Error {
  constructor(readonly until: Date) {
    super(`sleeping until ${until.toISOString()}`);
  }
}

type StepId = string | { id: string };

/** Journal entries wrap the value so a `null` result is told apart from a missing one. */
interface Entry {
  v: unknown;
}

/**
 * The `step` object the driver hands to a function's handler. Each finished
 * step's result is journaled in EngineStep; on a retry or after a crash the
 * handler runs again from the top and journaled steps return their stored
 * result instead of running.
 */
export function createStepTools(jobId: string, journal: Map<string, unknown>) {
  const seen = new Map<string, number>();

  // Like Inngest, a repeated id within one execution gets a numeric suffix.
  const resolveId = (raw: StepId): string => {
    const id = typeof raw === "string" ? raw : raw.id;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };

  /** `written`: the entry the step's own last statement already journaled (see journal-context). */
  const save = async (stepId: string, value: unknown, written?: string): Promise<unknown> => {
    // JSON round trip: the handler sees what Inngest would give it on replay.
    const v = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
    const entry = journalEntry(v);
    if (entry !== written) {
      await db.$executeRaw`
        INSERT INTO "EngineStep" (id, "jobId", "stepId", result, "createdAt")
        VALUES (${randomUUID()}, ${jobId}, ${stepId}, ${entry}::jsonb, ${new Date()})
        ON CONFLICT ("jobId", "stepId") DO NOTHING`;
    }
    journal.set(stepId, { v });
    return v;
  };

  const replay = (stepId: string): Entry | undefined => journal.get(stepId) as Entry | undefined;

  const unsupported = (name: string) => () => {
    throw new NonRetriableError(`step.${name} is not supported by the in-process driver; run on an Inngest server`);
  };

  return {
    async run<T>(rawId: StepId, fn: () => T | Promise<T>): Promise<unknown> {
      const stepId = resolveId(rawId);
      const done = replay(stepId);
      if (done) return done.v;
      const { value, written } = await withOpenStep(jobId, stepId, fn);
      return save(stepId, value, written());
    },

    async sendEvent(rawId: StepId, payload: EngineEvent | EngineEvent[]): Promise<unknown> {
      const stepId = resolveId(rawId);
      const done = replay(stepId);
      if (done) return done.v;
      const events = (Array.isArray(payload) ? payload : [payload]).map((e, i) => ({
        ...e,
        // A retry after a lost journal write re-sends with the same ids, so nothing doubles.
        id: e.id ?? `${jobId}:${stepId}:${i}`,
      }));
      return save(stepId, await sendEvent(events));
    },

    async sleep(rawId: StepId, duration: unknown): Promise<void> {
      const stepId = resolveId(rawId);
      let entry = replay(stepId);
      if (!entry) {
        const until = new Date(Date.now() + durationToMs(duration));
        await save(stepId, until.toISOString());
        entry = { v: until.toISOString() };
      }
      await waitUntil(new Date(entry.v as string));
    },

    async sleepUntil(rawId: StepId, time: Date | string): Promise<void> {
      const stepId = resolveId(rawId);
      let entry = replay(stepId);
      if (!entry) {
        const until = new Date(time);
        await save(stepId, until.toISOString());
        entry = { v: until.toISOString() };
      }
      await waitUntil(new Date(entry.v as string));
    },

    invoke: unsupported("invoke"),
    waitForEvent: unsupported("waitForEvent"),
    waitForSignal: unsupported("waitForSignal"),
    ai: { infer: unsupported("ai.infer"), wrap: unsupported("ai.wrap") },
    fetch: unsupported("fetch"),
  };
}

async function waitUntil(until: Date): Promise<void> {
  const remaining = until.getTime() - Date.now();
  if (remaining <= 0) return;
  if (remaining > IN_PROCESS_SLEEP_MS) throw new Reschedule(until);
  await new Promise((r) => setTimeout(r, remaining));
}
