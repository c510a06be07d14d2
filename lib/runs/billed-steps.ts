/** What a step's billing depends on. */
export interface BillableStep {
  status: string;
  inputTokens: number;
  outputTokens: number;
  /** Set on an approval step: a person's answer, never billed. */
  approval?: unknown;
  /** Copied into a fork from its original: billed there, not again. */
  reused?: boolean;
}

/**
 * Whether a step is one billed workflow step: it completed or failed (a
 * failed step is still an agent turn, its model calls were made), or a
 * cancellation cut it short after it had spent tokens. The run's usage event
 * counts these steps, and the run page shows the same count, so the billing
 * page's month-to-date steps add up what the run pages say. An approval step
 * calls no model and costs no step; a fork's reused step was billed in its original.
 */
export function isBilledStep(step: BillableStep): boolean {
  if (step.reused || (step.approval !== undefined && step.approval !== null)) return false;
  return step.status === "completed" || step.status === "failed" || step.inputTokens + step.outputTokens > 0;
}
