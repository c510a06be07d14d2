import "server-only";
import { sendEvent } from "@/lib/engine/send-event";
import { APPROVAL_SETTLED } from "@/lib/runs/approvals/events";
import { stepApprovalSchema } from "@/lib/runs/response-schemas";
import type { RunRef } from "./execution";

/**
 * Runs beside the wait for an approval, once the wait is registered: an
 * answer (or cancel request) that landed before the wait was there sent its
 * settle event to nobody, so if the step no longer waits, its run was asked to
 * stop, or its timeout passed, the settle event is sent again and the wait
 * ends at once. True when it sent the event.
 */
export async function recheckApproval({ scope, runId }: RunRef, index: number): Promise<boolean> {
  const run = await scope.db.run.findFirst({
    where: { id: runId },
    select: {
      status: true,
      cancelRequestedAt: true,
      steps: { where: { index }, select: { status: true, approval: true } },
    },
  });
  const step = run?.steps[0];
  if (!run || !step) return false;
  const expired = step.approval ? new Date(stepApprovalSchema.parse(step.approval).expiresAt) <= new Date() : false;
  const settled = step.status !== "running" || run.status !== "running" || run.cancelRequestedAt !== null || expired;
  if (settled) await sendEvent({ name: APPROVAL_SETTLED, data: { runId, index } });
  return settled;
}
