import type { Scope } from "@/lib/db/tenant";

/**
 * A durable step: `step.run` on the engine (its result is journaled, and a
 * replay gets the journaled result back instead of running it again); the
 * function inline where no engine runs it.
 */
export type Durable = <T>(id: string, fn: () => Promise<T>) => Promise<T>;

/** The engine's step tools that a run's execution uses, handed over once by the Inngest function. */
export interface StepTools {
  run: Durable;
  /** Waits a short while (durably, as step `id`) for the child run's run/finished; null when the wait timed out. */
  waitForRun: (id: string, childRunId: string) => Promise<unknown>;
  /** Waits (durably, as step `id`) up to `seconds` for the settle event of this run's approval step `index`. */
  waitForApproval: (id: string, index: number, seconds: number) => Promise<unknown>;
}

/**
 * The one object a run's execution passes down, from the entry to each model
 * turn and tool call: the run, in its workspace, and the engine's step tools.
 */
export interface Execution {
  scope: Scope;
  runId: string;
  step: StepTools;
}

/** What runs inside a durable step needs of the execution: the run, without the step tools. */
export type RunRef = Pick<Execution, "scope" | "runId">;
