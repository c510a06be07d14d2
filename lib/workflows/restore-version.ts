import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { assertCrewModelsServed } from "./assert-crew-models";
import { replaceCrew } from "./replace-crew";
import { storedCrew } from "./serialize-workflow";

/**
 * Makes an old version's crew current again, as a new version (source
 * "restore"); refused when its agents name a model no provider serves.
 */
export async function restoreVersion(scope: Scope, workflowId: string, version: number, createdById: string | null) {
  const old = await scope.db.workflowVersion.findFirst({ where: { workflowId, version }, select: { crew: true } });
  if (!old) {
    // Tell a missing workflow apart from a missing version.
    const workflow = await scope.db.workflow.findFirst({ where: { id: workflowId }, select: { id: true } });
    throw notFound(workflow ? "Version" : "Workflow");
  }
  const crew = storedCrew(old.crew);
  assertCrewModelsServed(crew, `Version ${version}`);
  return replaceCrew(scope, {
    workflowId,
    crew,
    source: "restore",
    createdById,
    note: `Restored from version ${version}`,
  });
}
