import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { contentWithModelRefs, versionContent } from "@/lib/workflows/serialize-workflow";
import { KEEP_REFLECTIONS } from "./constants";
import { getAgentRowOrThrow } from "./get-agent";

/**
 * The agent's reflections, newest first. A `modify` carries the crew before
 * and after (`from` / `to`) so the change can be shown as a diff and rolled back.
 */
export async function listReflections(scope: Scope, agentId: string) {
  await getAgentRowOrThrow(scope, agentId);
  const rows = await scope.db.reflection.findMany({
    where: { agentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: KEEP_REFLECTIONS,
  });
  const versionIds = rows.flatMap((r) => [r.fromVersionId, r.toVersionId]).filter((v): v is string => Boolean(v));
  const versions = versionIds.length
    ? await scope.db.workflowVersion.findMany({
        where: { id: { in: versionIds } },
        select: { id: true, version: true, crew: true, graph: true, source: true },
      })
    : [];
  const byId = new Map(
    versions.map((v) => {
      // Every model as the object responses show, as in the workflow's own answers.
      const content = contentWithModelRefs(versionContent(v));
      const shape = content.kind === "graph" ? { crew: null, graph: content.graph } : { crew: content.crew };
      return [v.id, { id: v.id, version: v.version, source: v.source, ...shape }];
    }),
  );
  return rows.map((r) => ({
    id: r.id,
    tickId: r.tickId,
    workflowId: r.workflowId,
    verdict: r.verdict,
    reason: r.reason,
    patch: r.patch,
    rolledBack: r.rolledBack,
    proposal: (r.proposal as "open" | "approved" | "rejected" | "expired" | null) ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
    raw: r.raw,
    from: r.fromVersionId ? (byId.get(r.fromVersionId) ?? null) : null,
    to: r.toVersionId ? (byId.get(r.toVersionId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}
