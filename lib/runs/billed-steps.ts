/** What a step's billing depends on. */
export interface BillableStep {
  status: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Whether a step is one billed workflow step: it completed or failed (a
 * failed step is still an agent turn, its model calls were made), or a
 * cancellation cut it short after it had spent tokens. The run's usage event
 * counts these steps, and the run page shows the same count, so the billing
 * page's month-to-date steps add up what the run pages say.
 */
export function isBilledStep(step: BillableStep): boolean {
  return step.status === "completed" || step.status === "failed" || step.inputTokens + step.outputTokens > 0;
}
