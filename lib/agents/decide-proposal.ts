import "server-only";
import { auditedWrite } from "@/lib/audit/audited-write";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { conflict, notFound } from "@/lib/http/errors";
import type { NewContent } from "@/lib/workflows/replace-version";
import { replaceVersion } from "@/lib/workflows/replace-version";
import { currentCrew } from "./current-crew";
import { listReflections } from "./list-reflections";
import type { ProposalDecision } from "./proposal-schemas";

/**
 * An admin's decision on an agent's open proposal. Approved, its patch
 * becomes the workflow's new version (source "reflection"), as an applied
 * patch does; rejected, it is kept with the comment. First decision wins (a
 * second is 409). A proposal whose workflow moved to another version since is
 * marked expired and refused (409): it would patch an old version.
 */
export async function decideProposal(
  scope: Scope,
  actor: AuditActor,
  agentId: string,
  reflectionId: string,
  decision: ProposalDecision,
  by: string | null,
) {
  const reflection = await scope.db.reflection.findFirst({ where: { id: reflectionId, agentId } });
  if (!reflection) throw notFound("Reflection");
  if (reflection.proposal !== "open" || !reflection.workflowId) {
    throw conflict(`This reflection is not an open proposal (it is ${reflection.proposal ?? "applied"}).`);
  }
  const decided = { decidedById: by, decidedAt: new Date(), decisionComment: decision.comment ?? null };
  const claim = (proposal: "approved" | "rejected" | "expired") =>
    scope.db.reflection.updateMany({ where: { id: reflectionId, proposal: "open" }, data: { proposal, ...decided } });

  const details = { agentId, workflowId: reflection.workflowId, comment: decision.comment ?? null };
  const target = { type: "reflection", id: reflectionId };
  if (decision.decision === "rejected") {
    const rejected = await auditedWrite(
      scope,
      actor,
      (tx) =>
        tx.reflection.updateMany({
          where: { id: reflectionId, proposal: "open" },
          data: { proposal: "rejected", ...decided },
        }),
      ({ count }) => (count > 0 ? { action: "proposal.rejected", target, details } : null),
    );
    if (rejected.count === 0) throw conflict("This proposal was decided meanwhile.");
    return reflectionJson(scope, agentId, reflectionId);
  }
  const current = await currentCrew(scope, reflection.workflowId);
  if (current.version.id !== reflection.fromVersionId) {
    await claim("expired");
    throw conflict(
      `The workflow is at version ${current.workflow.currentVersion} now; this proposal patched an older one and has expired.`,
    );
  }
  if ((await claim("approved")).count === 0) throw conflict("This proposal was decided meanwhile.");
  const patch = reflection.patch as { agents?: unknown } | null;
  const content = (current.content.kind === "graph" ? { graph: patch } : { crew: patch?.agents }) as NewContent; // checked when it was proposed
  try {
    const saved = await replaceVersion(scope, {
      workflowId: reflection.workflowId,
      content,
      source: "reflection",
      note: reflection.reason.slice(0, 500),
      audit: { actor, action: "proposal.approved", target, details },
    });
    await scope.db.reflection.update({ where: { id: reflectionId }, data: { toVersionId: saved.version.id } });
  } catch (err) {
    await scope.db.reflection.update({
      where: { id: reflectionId },
      data: { proposal: "open", decidedById: null, decidedAt: null, decisionComment: null },
    });
    throw err;
  }
  return reflectionJson(scope, agentId, reflectionId);
}

async function reflectionJson(scope: Scope, agentId: string, reflectionId: string) {
  const all = await listReflections(scope, agentId);
  return all.find((r) => r.id === reflectionId)!;
}
