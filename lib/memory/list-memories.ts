import "server-only";
import type { Memory } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/db/tenant";
import { MEMORY_PAGE } from "./limits";
import { recallMemories } from "./recall-memories";

function serialize(row: Memory) {
  return {
    id: row.id,
    userId: row.userId,
    sessionId: row.sessionId,
    kind: row.kind,
    content: row.content,
    workflowId: row.workflowId,
    runId: row.runId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A user's memories, newest first; with `q`, those matching it, best first. */
export async function listMemories(scope: Scope, query: { userId: string; q?: string }) {
  if (query.q) {
    const hits = await recallMemories(scope, { userId: query.userId }, query.q, MEMORY_PAGE);
    const rows = await scope.db.memory.findMany({ where: { id: { in: hits.map((h) => h.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      data: hits
        .map((h) => byId.get(h.id))
        .filter((r): r is Memory => !!r)
        .map(serialize),
    };
  }
  const rows = await scope.db.memory.findMany({
    where: { userId: query.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MEMORY_PAGE,
  });
  return { data: rows.map(serialize) };
}

/** Forgets everything stored about a user in this workspace. */
export async function deleteMemories(scope: Scope, userId: string) {
  const { count } = await scope.db.memory.deleteMany({ where: { userId } });
  return { deleted: count };
}
