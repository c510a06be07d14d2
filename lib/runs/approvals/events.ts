/** Sent when an approval step is answered, timed out or its run cancelled; data: { runId, index }. */
export const APPROVAL_SETTLED = "run/approval.settled";
