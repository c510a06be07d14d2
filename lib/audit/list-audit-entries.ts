import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
import type { ListAuditLogQuery } from "./schemas";

/** The workspace's audit log, newest first, filtered. */
export async function listAuditEntries(scope: Scope, query: ListAuditLogQuery) {
  const rows = await scope.db.auditEntry.findMany({
    where: {
      ...afterCursor(query.cursor),
      ...(query.action ? { action: query.action } : {}),
      ...(query.actorType ? { actorType: query.actorType } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.targetId ? { targetId: query.targetId } : {}),
      ...(query.since || query.until
        ? {
            createdAt: {
              ...(query.since ? { gte: new Date(query.since) } : {}),
              ...(query.until ? { lt: new Date(query.until) } : {}),
            },
          }
        : {}),
    },
    orderBy: newestFirst,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, (row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
