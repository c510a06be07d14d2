import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditLogFilters } from "./schemas";

/** The where clause of the audit log's filters, shared by the list and the export. */
export function auditEntryFilter(query: AuditLogFilters): Prisma.AuditEntryWhereInput {
  return {
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
  };
}
