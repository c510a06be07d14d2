import "server-only";
import { conflict, notFound } from "@/lib/http/errors";
import type { AuditActor } from "@/lib/audit/record-audit-entry";
import type { Scope } from "@/lib/db/tenant";
import { assertCrewModelsServed } from "@/lib/workflows/assert-crew-models";
import { replaceVersion } from "@/lib/workflows/replace-version";
import { serializeVersion } from "@/lib/workflows/serialize-version";
import { versionContent } from "@/lib/workflows/serialize-workflow";
import { logAgent } from "./agent-log";
import { getAgentRowOrThrow } from "./get-agent";

/**
 * Undoes a `modify`: the crew from before it becomes current again, as a new
 * version with source "rollback" (history is never rewritten).
 */
export async function rollbackReflection(
  scope: Scope,
  actor: AuditActor,
  agentId: string,
  reflectionId: string,
  createdById: string | null,
) {
  await getAgentRowOrThrow(scope, agentId);
  const reflection = await scope.db.reflection.findFirst({ where: { id: reflectionId, agentId } });
  if (!reflection) throw notFound("Reflection");
  if (reflection.verdict !== "modify" || !reflection.fromVersionId || !reflection.workflowId) {
    throw conflict("Only a reflection that changed a crew can be rolled back.");
  }
  if (reflection.rolledBack) throw conflict("This change was never applied: saving it failed and it was rolled back.");
  const before = await scope.db.workflowVersion.findFirst({
    where: { id: reflection.fromVersionId },
    select: { version: true, crew: true, graph: true },
  });
  if (!before) throw notFound("Workflow version");
  const content = versionContent(before);
  assertCrewModelsServed(
    content.crew ?? content.graph.nodes,
    `Version ${before.version}`,
    content.crew ? "crew" : "graph.nodes",
  );
  const result = await replaceVersion(scope, {
    workflowId: reflection.workflowId,
    content: content.crew ? { crew: content.crew } : { graph: content.graph },
    source: "rollback",
    createdById,
    note: `Rolled back reflection ${reflection.id} (back to version ${before.version})`,
    audit: {
      actor,
      action: "workflow_version.rolled_back",
      details: { reflectionId, agentId, restoredFrom: before.version },
    },
  });
  await logAgent(scope, agentId, {
    message: `Rolled back a reflection's change: version ${result.version.version} restores version ${before.version}.`,
    data: { reflectionId, workflowId: reflection.workflowId, versionId: result.version.id },
  });
  return { workflowId: reflection.workflowId, restoredFrom: before.version, version: serializeVersion(result.version) };
}
