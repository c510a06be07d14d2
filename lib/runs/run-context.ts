import "server-only";

/** What a run's agents are built from that never changes once the run exists. */
export interface RunContext {
  input: string;
  /** System prompts by position, from the pinned crew. */
  prompts: string[];
  steps: { id: string; role: string; model: string }[];
  /** Outputs of the steps finished so far, from position 0 on, with no gaps. */
  outputs: string[];
  /** A step this process already marked running, in the statement that completed the one before it. */
  started?: string;
}

/** Runs being worked on in this process; a miss (another process, a restart) reloads from the database. */
const contexts = new Map<string, RunContext>();
const MAX_RUNS = 1_000;

/** The run's context when it holds exactly the outputs before `position`. */
export function contextAt(workspaceId: string, runId: string, position: number): RunContext | undefined {
  const ctx = contexts.get(`${workspaceId}:${runId}`);
  return ctx && ctx.outputs.length === position ? ctx : undefined;
}

export function rememberContext(workspaceId: string, runId: string, ctx: RunContext): void {
  const key = `${workspaceId}:${runId}`;
  contexts.delete(key);
  contexts.set(key, ctx);
  // Oldest first: runs abandoned mid-way (crash of a step, cancellation) age out.
  while (contexts.size > MAX_RUNS) contexts.delete(contexts.keys().next().value!);
}

export function forgetContext(workspaceId: string, runId: string): void {
  contexts.delete(`${workspaceId}:${runId}`);
}
