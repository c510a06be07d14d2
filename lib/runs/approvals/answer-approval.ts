import "server-only";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendEvent } from "@/lib/engine/send-event";
import type { Role } from "@/lib/generated/prisma/enums";
import { conflict, forbidden, notFound } from "@/lib/http/errors";
import { getRun } from "../get-run";
import { stepApprovalSchema } from "../response-schemas";
import { decideApproval, type Decider } from "./decide-approval";
import { APPROVAL_SETTLED } from "./events";
import type { ApprovalAnswer } from "./approval-schemas";

/**
 * Answers the waiting approval at node `nodeId` of a run: the first answer
 * wins (a second is 409 naming the first), a role the node does not name is
 * 403, a run or node with no approval step is 404. The run's engine is woken
 * with the settle event and goes on along the edge labelled with the decision.
 */
export async function answerApproval(
  scope: Scope,
  runId: string,
  nodeId: string,
  answer: ApprovalAnswer,
  who: { role: Role; by: Exclude<Decider, { type: "timeout" }>; actor: AuditActor },
) {
  const run = await scope.db.run.findFirst({
    where: { id: runId },
    select: {
      status: true,
      steps: {
        where: { nodeId, NOT: { approval: { equals: Prisma.AnyNull } } },
        orderBy: { index: "desc" },
        take: 1,
        select: { index: true, status: true, approval: true, data: true },
      },
    },
  });
  if (!run) throw notFound("Run");
  const step = run.steps[0];
  if (!step?.approval) throw notFound("Approval");
  const approval = stepApprovalSchema.parse(step.approval);
  if (step.status !== "running") throw conflict(`This approval was already ${settledAs(step)}.`);
  if (approval.approvers && !approval.approvers.includes(who.role)) {
    throw forbidden(`Only ${approval.approvers.join(" or ")} may answer this approval; your role is ${who.role}.`);
  }
  const decided = await decideApproval(scope, who.actor, runId, step.index, { ...answer, nodeId, by: who.by });
  if (!decided) {
    const now = await scope.db.step.findFirst({
      where: { runId, index: step.index },
      select: { status: true, data: true },
    });
    throw conflict(`This approval was already ${now ? settledAs(now) : "settled"}.`);
  }
  await sendEvent({ name: APPROVAL_SETTLED, data: { runId, index: step.index } });
  return getRun(scope, runId);
}

function settledAs(step: { status: string; data: unknown }): string {
  const data = step.data as { decision?: string; decidedBy?: { type: string; name?: string } } | null;
  if (step.status !== "completed" || !data?.decision) return step.status;
  const by = data.decidedBy?.type === "timeout" ? "the timeout" : (data.decidedBy?.name ?? "someone");
  return `${data.decision} by ${by}`;
}
