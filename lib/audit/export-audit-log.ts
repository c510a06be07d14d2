import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { auditEntryFilter } from "./audit-entry-filter";
import { recordAuditEntry, type AuditActor } from "./record-audit-entry";
import type { AuditLogFilters } from "./schemas";

/** Entries read from the database per page of the stream. */
const PAGE = 500;

/**
 * The workspace's audit log as JSON Lines, oldest first, filtered as the list
 * is: one entry (as `GET /api/v1/audit-log` shows it) per line, read and sent
 * a page at a time. The export covers the log as it was when asked (nothing
 * appended later, its own `audit_log.exported` entry included). More entries
 * matching than AUDIT_EXPORT_MAX_ROWS is a 400 naming the count.
 */
export async function exportAuditLog(
  scope: Scope,
  actor: AuditActor,
  filters: AuditLogFilters,
): Promise<{ entries: number; body: ReadableStream<Uint8Array> }> {
  const where = auditEntryFilter(filters);
  const last = await scope.db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  const throughSeq = last?.seq ?? 0;
  const entries = await scope.db.auditEntry.count({ where: { AND: [where, { seq: { lte: throughSeq } }] } });
  const max = env().AUDIT_EXPORT_MAX_ROWS;
  if (entries > max) {
    throw new AppError(
      400,
      "limit_reached",
      `${entries} entries match; an export holds at most ${max}. Narrow it with since and until.`,
    );
  }
  await recordAuditEntry(scope, actor, {
    action: "audit_log.exported",
    target: { type: "workspace", id: scope.workspaceId },
    details: { entries, filters: { ...filters } },
  });

  const encoder = new TextEncoder();
  let afterSeq = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await scope.db.auditEntry.findMany({
        where: { AND: [where, { seq: { gt: afterSeq, lte: throughSeq } }] },
        orderBy: { seq: "asc" },
        take: PAGE,
      });
      if (rows.length > 0) {
        const lines = rows.map((row) => `${JSON.stringify({ ...row, createdAt: row.createdAt.toISOString() })}\n`);
        controller.enqueue(encoder.encode(lines.join("")));
        afterSeq = rows[rows.length - 1]!.seq;
      }
      if (rows.length < PAGE) controller.close();
    },
  });
  return { entries, body };
}
