import "server-only";
import { notFound } from "@/lib/http/errors";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCrewModelsServed } from "./assert-crew-models";
import { replaceVersion } from "./replace-version";
import { versionContent } from "./serialize-workflow";

/**
 * Makes an old version's crew or graph current again, as a new version (source
 * "restore"); refused when its agents or nodes name a model no provider serves.
 */
export async function restoreVersion(
  scope: Scope,
  actor: AuditActor,
  workflowId: string,
  version: number,
  createdById: string | null,
) {
  const old = await scope.db.workflowVersion.findFirst({
    where: { workflowId, version },
    select: { crew: true, graph: true, files: true, context: true, responseTone: true },
  });
  if (!old) {
    // Tell a missing workflow apart from a missing version.
    const workflow = await scope.db.workflow.findFirst({ where: { id: workflowId }, select: { id: true } });
    throw notFound(workflow ? "Version" : "Workflow");
  }
  const content = versionContent(old);
  assertCrewModelsServed(
    content.crew ?? content.graph.nodes,
    `Version ${version}`,
    content.crew ? "crew" : "graph.nodes",
  );
  return replaceVersion(scope, {
    workflowId,
    content: content.crew ? { crew: content.crew, responseTone: old.responseTone } : { graph: content.graph },
    source: "restore",
    createdById,
    note: `Restored from version ${version}`,
    files: old.files as Prisma.InputJsonValue | null,
    context: old.context as Prisma.InputJsonValue | null,
    audit: { actor, action: "workflow_version.restored", details: { restoredFrom: version } },
  });
}
