import "server-only";
import { appendAuditEntry, type AuditActor } from "@/lib/audit/record-audit-entry";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalDecision } from "@/lib/graph/approval-schema";

/** Who answered: a member, a token, or the timeout. */
export type Decider =
  { type: "user"; id: string; name: string } | { type: "token"; id: string; name: string } | { type: "timeout" };

export interface Decision {
  decision: ApprovalDecision;
  comment?: string;
  data?: Record<string, unknown>;
  by: Decider;
}

/**
 * Records the first answer to a waiting approval step: the decision is its
 * output, the answer (decision, comment, data, who, when) its typed data.
 * One conditional update, so of two answers only the first counts; the run
 * stops waiting once no other approval of it waits. False when the step was
 * no longer waiting. The decision's audit entry (by `actor`) commits with it.
 */
export async function decideApproval(
  scope: Scope,
  actor: AuditActor,
  runId: string,
  index: number,
  answer: Decision & { nodeId?: string | null },
): Promise<boolean> {
  const now = new Date();
  const data: Prisma.InputJsonObject = {
    decision: answer.decision,
    comment: answer.comment ?? null,
    // The answer's data came in as JSON: stored as it came.
    data: (answer.data ?? null) as Prisma.InputJsonObject | null,
    decidedBy: { ...answer.by },
    decidedAt: now.toISOString(),
  };
  return scope.db.$transaction(async (tx) => {
    const { count } = await tx.step.updateMany({
      where: { runId, index, status: "running" },
      data: { status: "completed", output: answer.decision, data, finishedAt: now },
    });
    if (count === 0) return false;
    await stopWaiting(tx, scope, runId);
    await appendAuditEntry(tx, scope.workspaceId, actor, {
      action: "approval.decided",
      target: { type: "run", id: runId },
      details: {
        stepIndex: index,
        nodeId: answer.nodeId ?? null,
        decision: answer.decision,
        comment: answer.comment ?? null,
        by: answer.by.type === "timeout" ? "timeout" : answer.by.name,
      },
    });
    return true;
  });
}

/** Ends an approval step without a decision (failed or cancelled), first come only. */
export async function closeApproval(
  scope: Scope,
  runId: string,
  index: number,
  status: "failed" | "cancelled",
  error: string,
): Promise<boolean> {
  return scope.db.$transaction(async (tx) => {
    const { count } = await tx.step.updateMany({
      where: { runId, index, status: "running" },
      data: { status, error, finishedAt: new Date() },
    });
    if (count > 0) await stopWaiting(tx, scope, runId);
    return count > 0;
  });
}

type Tx = Parameters<Parameters<Scope["db"]["$transaction"]>[0]>[0];

/** Clears the run's waitingFor once none of its approval steps waits. */
async function stopWaiting(tx: Tx, scope: Scope, runId: string) {
  await tx.$executeRaw`
    UPDATE "Run" SET "waitingFor" = NULL
    WHERE id = ${runId} AND ${workspaceFilter(scope)} AND NOT EXISTS (
      SELECT 1 FROM "Step" s WHERE s."runId" = ${runId} AND ${workspaceFilter(scope, "s")}
        AND s.status = 'running' AND s.approval IS NOT NULL)`;
}
