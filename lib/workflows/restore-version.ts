import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { replaceCrew } from "./replace-crew";
import { storedCrew } from "./serialize-workflow";

/** Makes an old version's crew current again, as a new version (source "restore"). */
export async function restoreVersion(scope: Scope, workflowId: string, version: number, createdById: string | null) {
  const old = await scope.db.workflowVersion.findFirst({ where: { workflowId, version }, select: { crew: true } });
  if (!old) {
    // Tell a missing workflow apart from a missing version.
    const workflow = await scope.db.workflow.findFirst({ where: { id: workflowId }, select: { id: true } });
    throw notFound(workflow ? "Version" : "Workflow");
  }
  return replaceCrew(scope, {
    workflowId,
    crew: storedCrew(old.crew),
    source: "restore",
    createdById,
    note: `Restored from version ${version}`,
  });
}
