import "server-only";
import { closeApproval, decideApproval } from "@/lib/runs/approvals/decide-approval";
import { stepApprovalSchema } from "@/lib/runs/response-schemas";
import type { RunRef } from "./execution";
import { secondsUntil, type ApprovalState } from "./open-approval";

/**
 * Where a waiting approval stands, as a durable step after each wait: its
 * answer, if it has one; cancelled, if its run was asked to stop; the timeout's
 * action (approve, reject, or fail the step) once it expired; else still
 * waiting, with the seconds left. The answer may come before or during a wait:
 * the step row, not the wake-up event, is what counts.
 */
export async function settleApproval({ scope, runId }: RunRef, index: number): Promise<ApprovalState> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const run = await scope.db.run.findFirst({
      where: { id: runId },
      select: {
        status: true,
        cancelRequestedAt: true,
        steps: { where: { index }, select: { status: true, output: true, data: true, approval: true } },
      },
    });
    const step = run?.steps[0];
    if (!run || !step) throw new Error(`Approval step ${index} of run ${runId} not found`);
    if (step.status === "completed") {
      return { status: "completed", output: step.output ?? "", data: (step.data ?? {}) as Record<string, unknown> };
    }
    if (step.status === "failed" || step.status === "cancelled") return { status: step.status };
    if (run.status !== "running") return { status: "skipped" };
    if (run.cancelRequestedAt) {
      await closeApproval(scope, runId, index, "cancelled", "The run was cancelled while it waited for an answer.");
      continue;
    }
    const approval = stepApprovalSchema.parse(step.approval);
    if (new Date(approval.expiresAt) > new Date())
      return { status: "waiting", seconds: secondsUntil(approval.expiresAt) };
    const { after, then } = approval.timeout;
    if (then === "fail") {
      await closeApproval(scope, runId, index, "failed", `Nobody answered within ${after}.`);
    } else {
      const decision = then === "approve" ? "approved" : "rejected";
      const comment = `Nobody answered within ${after}: ${decision} by the timeout.`;
      // Its audit entry (by the system) commits with the decision.
      await decideApproval(scope, { type: "system", id: null }, runId, index, {
        decision,
        comment,
        by: { type: "timeout" },
      });
    }
  }
  throw new Error(`Approval step ${index} of run ${runId} did not settle`);
}
