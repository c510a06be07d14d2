import { z } from "zod";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { pageOf } from "@/lib/http/openapi-schemas";
import { auditEntrySchema, auditVerificationSchema } from "@/lib/audit/response-schemas";
import { auditLogFilters, listAuditLogQuery } from "@/lib/audit/schemas";

export const listAuditLog = defineOperation({
  method: "get",
  path: "/api/v1/audit-log",
  operationId: "listAuditLog",
  permission: "workspace.update",
  summary: "The workspace's audit log, newest first (owner or admin)",
  description: "Filter by action, actor, target and time; cursor-paginated.",
  tag: "Audit",
  query: listAuditLogQuery,
  responses: { 200: { description: "A page of entries.", schema: pageOf(auditEntrySchema) } },
  errors: [403],
});

export const verifyAuditLog = defineOperation({
  method: "get",
  path: "/api/v1/audit-log/verify",
  operationId: "verifyAuditLog",
  permission: "workspace.update",
  summary: "Recompute the audit log's chain of MACs and name the first entry that does not verify",
  tag: "Audit",
  responses: { 200: { description: "Whether the chain verifies.", schema: auditVerificationSchema } },
  errors: [403],
});

export const exportAuditLog = defineOperation({
  method: "get",
  path: "/api/v1/audit-log/export",
  operationId: "exportAuditLog",
  permission: "workspace.update",
  summary: "The workspace's audit log as JSON Lines (owner or admin)",
  description:
    "Every entry matching the filters (as the list takes them), oldest first, one AuditEntry per line " +
    "(`application/x-ndjson`), streamed. The export covers the log as it was when asked and is itself recorded " +
    "(`audit_log.exported`). More than `AUDIT_EXPORT_MAX_ROWS` (100000) matching entries is a 400 naming the count: " +
    "narrow the export with `since` and `until`.",
  tag: "Audit",
  query: auditLogFilters,
  responses: {
    200: {
      description: "JSON Lines: one AuditEntry per line.",
      contentType: "application/x-ndjson",
      schema: auditEntrySchema,
      headers: {
        "Audit-Export-Entries": { description: "How many entries the export holds.", schema: z.string() },
      },
    },
  },
  errors: [400, 403],
});

export const auditOperations: readonly ApiOperation[] = [listAuditLog, verifyAuditLog, exportAuditLog];
