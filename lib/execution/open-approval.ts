import "server-only";
import { DEFAULT_APPROVAL_TIMEOUT, durationMinutes } from "@/lib/graph/approval-schema";
import { stepApprovalSchema, type StepApproval } from "@/lib/runs/response-schemas";
import type { InputRecipe } from "@/lib/runs/transcript";
import type { RunnableNode } from "./execute-visit";
import { renderPrompt } from "./execute-visit";
import type { RunRef } from "./execution";
import type { VisitPlan } from "./walk-graph";
import { publishApprovalRequested } from "@/lib/webhooks/publish-run-events";
import { mailApprovers } from "@/lib/runs/approvals/mail-approvers";

/** An approval that waits, and how many seconds are left until its timeout. */
export type ApprovalState =
  | { status: "waiting"; seconds: number }
  | { status: "completed"; output: string; data: Record<string, unknown> }
  | { status: "failed" | "cancelled" | "skipped" };

/** Seconds from now until `expiresAt` (at least 1). */
export function secondsUntil(expiresAt: string, now = new Date()): number {
  return Math.max(1, Math.ceil((new Date(expiresAt).getTime() - now.getTime()) / 1000));
}

/**
 * Opens an approval visit, as a durable step: the step row (once, at the
 * visit's index) asks the node's prompt with its templates filled, with the
 * run's input and the outputs on its path as its input, who may answer and
 * when the timeout acts; the run then waits for a person (`waitingFor:
 * "approval"`). No model is called. A run that finished or was asked to stop
 * opens nothing. Its members who may answer are mailed a link to it.
 */
export async function openApproval(
  { scope, runId }: RunRef,
  node: RunnableNode,
  plan: VisitPlan,
): Promise<ApprovalState> {
  const run = await scope.db.run.findFirst({
    where: { id: runId },
    select: {
      status: true,
      cancelRequestedAt: true,
      steps: { where: { index: plan.index }, select: { approval: true, status: true, output: true, data: true } },
    },
  });
  if (!run) throw new Error(`Run ${runId} not found`);
  const existing = run.steps[0];
  // A fork's reused approval is answered already.
  if (existing?.status === "completed") {
    return {
      status: "completed",
      output: existing.output ?? "",
      data: (existing.data ?? {}) as Record<string, unknown>,
    };
  }
  if (existing?.approval) {
    const asked = stepApprovalSchema.parse(existing.approval);
    // A retried open: the step is there, its webhook may not have gone out.
    if (existing.status === "running") await requested(scope, runId, plan, asked);
    return { status: "waiting", seconds: secondsUntil(asked.expiresAt) };
  }
  if (run.status !== "running") return { status: "skipped" };
  if (run.cancelRequestedAt) return { status: "cancelled" };

  const timeout = node.timeout ?? DEFAULT_APPROVAL_TIMEOUT;
  const now = new Date();
  const approval: StepApproval = {
    prompt: await renderPrompt(scope, runId, node.systemPrompt),
    approvers: node.approvers ?? null,
    timeout: { ...timeout },
    expiresAt: new Date(now.getTime() + durationMinutes(timeout.after)! * 60_000).toISOString(),
  };
  const recipe: InputRecipe = {
    system: approval.prompt,
    from: [{ runInput: true }, ...plan.path.map((step) => ({ step }))],
  };
  await scope.db.$transaction(async (tx) => {
    const { count } = await tx.step.createMany({
      data: [
        {
          workspaceId: scope.workspaceId,
          runId,
          index: plan.index,
          role: node.role,
          model: "approval",
          nodeId: plan.nodeId,
          visit: plan.visit,
          branch: plan.branch,
          status: "running",
          startedAt: now,
          input: { ...recipe },
          approval: { ...approval },
        },
      ],
      skipDuplicates: true,
    });
    // As a model step's first claim does, the visit adds its node to the run's path.
    if (count > 0) {
      await tx.run.updateMany({
        where: { id: runId, status: "running" },
        data: { waitingFor: "approval", visited: { push: plan.nodeId } },
      });
    }
  });
  await requested(scope, runId, plan, approval);
  return { status: "waiting", seconds: secondsUntil(approval.expiresAt, now) };
}

/**
 * approval.requested to the workspace's endpoints (once per step, however
 * often it is published), and a mail with a one-time link to each member who
 * may answer, when mail is configured (once per member, however often sent).
 */
async function requested(scope: RunRef["scope"], runId: string, plan: VisitPlan, approval: StepApproval) {
  await mailApprovers(scope, {
    runId,
    stepIndex: plan.index,
    nodeId: plan.nodeId,
    prompt: approval.prompt,
    approvers: approval.approvers,
    expiresAt: approval.expiresAt,
  });
  return publishApprovalRequested(scope, {
    runId,
    stepIndex: plan.index,
    nodeId: plan.nodeId,
    prompt: approval.prompt,
    approvers: approval.approvers,
    timeout: approval.timeout,
    expiresAt: approval.expiresAt,
  });
}
