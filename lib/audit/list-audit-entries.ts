import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
import { auditEntryFilter } from "./audit-entry-filter";
import type { ListAuditLogQuery } from "./schemas";

/** The workspace's audit log, newest first, filtered. */
export async function listAuditEntries(scope: Scope, query: ListAuditLogQuery) {
  const rows = await scope.db.auditEntry.findMany({
    where: { ...afterCursor(query.cursor), ...auditEntryFilter(query) },
    orderBy: newestFirst,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, (row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
