import "server-only";
import { renewLease, type ClaimedJob } from "./claim-job";
import { callFunction, errorMessage, type Op, type StepResult } from "./call-endpoint";
import { receiveCheckpoints } from "./checkpoints";
import type { EngineConfig } from "./config";
import { completeJob, failJob, requeueJob } from "./end-job";
import { enqueueEvents, FUNCTION_FAILED } from "./intake";
import { LostLease, readJournal, settleWait, writeStep, type JournalEntry, type WaitEntry } from "./journal";
import type { App } from "./mounted";
import { maxAttempts, type FunctionConfig } from "./registration";
import { invoker, startInvoked, timedOut, waitEntry } from "./waits";

/** Sleeps up to this long stay in the process; longer ones put the job back in the queue. */
const IN_PROCESS_SLEEP_MS = 5_000;

export interface JobContext {
  app: App;
  fn: FunctionConfig;
  config: EngineConfig;
}

function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(10 * 60_000, baseMs * 2 ** attempt);
}

/**
 * Runs one claimed job through the serve endpoint, as an Inngest server does:
 * call the function with its journal; journal the step it ran (or run each
 * step it planned, one request each); park it on sleeps, waits and invokes;
 * retry failed attempts with backoff; finish when it returns. Every write is
 * guarded by the claim: on a lost lease the execution stops where it is.
 */
export async function runJob(job: ClaimedJob, ctx: JobContext): Promise<void> {
  const { leaseMs } = ctx.config;
  const renew = setInterval(() => void renewLease(job, leaseMs).catch(() => {}), Math.max(50, leaseMs / 3));
  renew.unref();
  try {
    if (job.crashes >= ctx.config.maxCrashes) {
      await giveUp(job, ctx, {
        name: "Error",
        message: `The engine's process died ${job.crashes} times running this job`,
      });
      return;
    }
    await execute(job, ctx);
  } catch (err) {
    if (err instanceof LostLease) {
      console.warn("[engine]", err.message);
      return;
    }
    // The driver itself failed (e.g. the database): an attempt that counts.
    await retryOrGiveUp(job, ctx, { name: "Error", message: err instanceof Error ? err.message : String(err) }, true);
  } finally {
    clearInterval(renew);
  }
}

async function execute(job: ClaimedJob, ctx: JobContext): Promise<void> {
  const journal = await readJournal(job.id);
  const event = { name: job.eventName, id: job.eventId, data: job.data, ts: job.createdAt.getTime() };
  const record = async (stepId: string, entry: JournalEntry) => {
    await writeStep(job, stepId, entry);
    journal.set(stepId, entry);
    if (entry.type !== "waiting") job.attempts = 0; // as writeStep did in the row: retries count per step
  };
  /**
   * Calls the function with the journal. Without a particular step to run, the
   * SDK runs the steps it finds one after another in this one call and
   * checkpoints each as it ends: each is journaled before the SDK goes on, so
   * a crash resumes after the last one. A checkpoint refused because the lease
   * is gone stops the SDK (409), and the execution with it.
   */
  const call = async (stepId?: string) => {
    const steps: Record<string, StepResult> = {};
    for (const [id, entry] of journal) if (entry.type !== "waiting") steps[id] = entry;
    let lost: LostLease | undefined;
    const stop = stepId
      ? () => {}
      : receiveCheckpoints(job.id, job.lockedBy, async (ops) => {
          for (const op of ops) {
            try {
              if (op.op === "StepRun") await record(op.id, { type: "data", data: op.data ?? null });
              else if (op.op === "StepFailed") await record(op.id, { type: "error", error: op.error });
              else throw new Error(`checkpointed step type ${op.op} is not supported by the in-process driver`);
            } catch (err) {
              if (err instanceof LostLease) lost = err;
              throw err;
            }
          }
        });
    try {
      const outcome = await callFunction(ctx.app.endpoint, {
        fnId: ctx.fn.id,
        stepId,
        runId: job.id,
        event,
        steps,
        stack: Object.keys(steps),
        attempt: job.attempts,
        maxAttempts: maxAttempts(ctx.fn),
        checkpointing: !stepId,
        queueItem: job.lockedBy,
      });
      if (lost) throw lost;
      return outcome;
    } finally {
      stop();
    }
  };

  /** Runs one planned step with its own request; `retriable` is false when the endpoint said not to retry. */
  const runPlanned = async (op: Op): Promise<{ ops: Op[]; retriable: boolean }> => {
    const result = await call(op.id);
    if (result.kind === "ops") return result;
    const error = result.kind === "error" ? result.error : "step did not run";
    return { ops: [{ id: op.id, op: "StepError", error }], retriable: result.kind !== "error" || result.retriable };
  };

  // Waits that ran out of time while the job was queued end now.
  for (const [stepId, entry] of journal) {
    if (entry.type === "waiting" && new Date(entry.until) <= new Date()) await record(stepId, timedOut(entry));
  }

  for (;;) {
    const outcome = await call();
    if (outcome.kind === "complete") {
      await completeJob(job);
      await settleInvoker(job, { type: "data", data: outcome.data });
      return;
    }
    if (outcome.kind === "error") {
      await retryOrGiveUp(job, ctx, outcome.error, outcome.retriable);
      return;
    }

    // Each reported op is journaled as soon as it is known; planned steps (Promise.all
    // of step.run) run in parallel, each with its own request, each journaled when it ends.
    let failedStep: unknown;
    let completed: { data: unknown } | undefined;
    let retriable = outcome.retriable;
    const waits: [string, WaitEntry][] = [];
    const handle = async (op: Op) => {
      if (op.op === "StepRun") await record(op.id, { type: "data", data: op.data ?? null });
      else if (op.op === "StepFailed") await record(op.id, { type: "error", error: op.error });
      else if (op.op === "StepError") failedStep ??= op.error;
      // With checkpointing the function's return comes as the last op, after the steps not yet checkpointed.
      else if (op.op === "RunComplete") completed = { data: op.data };
      else if (op.op === "Sleep" || op.op === "WaitForEvent" || op.op === "InvokeFunction") {
        const known = journal.get(op.id);
        const wait = known?.type === "waiting" ? known : waitEntry(op);
        if (!known) await record(op.id, wait);
        // After the wait is journaled, so the invoked job's end always finds it; a repeat starts nothing.
        if (op.op === "InvokeFunction") await startInvoked(job, op);
        waits.push([op.id, wait]);
      } else {
        failedStep ??= { name: "Error", message: `step type ${op.op} is not supported by the in-process driver` };
      }
    };
    // Waits are journaled before the steps planned beside them run, as an Inngest server
    // registers a wait before it runs its planned steps: such a step may send what ends the wait.
    await Promise.all(outcome.ops.filter((op) => op.op !== "StepPlanned").map(handle));
    await Promise.all(
      outcome.ops
        .filter((op) => op.op === "StepPlanned")
        .map(async (op) => {
          const planned = await runPlanned(op);
          retriable &&= planned.retriable;
          for (const ran of planned.ops) await handle(ran);
        }),
    );
    if (failedStep !== undefined) {
      await retryOrGiveUp(job, ctx, failedStep, retriable);
      return;
    }
    if (completed) {
      await completeJob(job);
      await settleInvoker(job, { type: "data", data: completed.data });
      return;
    }
    if (waits.length > 0) {
      const until = new Date(Math.min(...waits.map(([, w]) => new Date(w.until).getTime())));
      const short = waits.every(([, w]) => w.op === "Sleep") && until.getTime() - Date.now() <= IN_PROCESS_SLEEP_MS;
      if (!short) {
        await requeueJob(job, until, { waits: waits.map(([id]) => id) });
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, until.getTime() - Date.now())));
      for (const [id, wait] of waits) await record(id, timedOut(wait));
    }
  }
}

/** A failed attempt: retried with backoff while attempts remain and the error allows it, else the job fails. */
async function retryOrGiveUp(job: ClaimedJob, ctx: JobContext, error: unknown, retriable: boolean): Promise<void> {
  const attempt = job.attempts + 1;
  const message = errorMessage(error);
  if (retriable && attempt < maxAttempts(ctx.fn)) {
    console.warn(`[engine] ${ctx.fn.id} attempt ${attempt} failed, will retry: ${message}`);
    await requeueJob(job, new Date(Date.now() + backoffMs(job.attempts, ctx.config.retryBaseMs)), {
      failedAttempt: message,
    });
    return;
  }
  await giveUp(job, ctx, error);
}

/**
 * The job fails for good: its row says why, its caller (step.invoke) gets the
 * error, and `inngest/function.failed` starts the function's onFailure handler.
 */
async function giveUp(job: ClaimedJob, ctx: JobContext, error: unknown): Promise<void> {
  const message = errorMessage(error);
  console.warn(`[engine] ${ctx.fn.id} failed for good: ${message}`);
  await failJob(job, message);
  await settleInvoker(job, { type: "error", error });
  if (ctx.fn.triggers.some((t) => t.event === FUNCTION_FAILED)) return; // a failure handler failing ends here
  await enqueueEvents([
    {
      name: FUNCTION_FAILED,
      id: `failed:${job.id}`,
      data: {
        function_id: ctx.fn.id,
        run_id: job.id,
        error,
        event: { name: job.eventName, id: job.eventId, data: job.data, ts: job.createdAt.getTime() },
      },
    },
  ]);
}

async function settleInvoker(job: ClaimedJob, result: StepResult): Promise<void> {
  const caller = invoker(job);
  if (caller) await settleWait(caller.jobId, caller.stepId, result);
}
