import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { pageOf } from "@/lib/http/openapi-schemas";
import { auditEntrySchema, auditVerificationSchema } from "@/lib/audit/response-schemas";
import { listAuditLogQuery } from "@/lib/audit/schemas";

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

export const auditOperations: readonly ApiOperation[] = [listAuditLog, verifyAuditLog];
