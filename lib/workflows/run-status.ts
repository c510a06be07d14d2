import { z } from "zod";

/*
 * A run's status, declared once for the API, the runs' own code and the browser. It sits here,
 * below lib/runs, because a workflow's list item shows its last run's status.
 */

/** "waiting": a running run that waits for a person (its `waitingFor` says for what). */
export const runStatusSchema = z.enum(["queued", "running", "waiting", "completed", "failed", "cancelled"]);
export type RunStatus = z.output<typeof runStatusSchema>;

export const TERMINAL_RUN_STATUSES = ["completed", "failed", "cancelled"] as const satisfies readonly RunStatus[];

/** True once a run can change no more: completed, failed or cancelled. */
export function isTerminalRunStatus(status: string): boolean {
  return (TERMINAL_RUN_STATUSES as readonly string[]).includes(status);
}
