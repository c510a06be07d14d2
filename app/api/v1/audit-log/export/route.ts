import { auditActor } from "@/lib/api/audit";
import * as ops from "@/lib/api/operations/audit";
import { withWorkspace } from "@/lib/api/handler";
import { exportAuditLog } from "@/lib/audit/export-audit-log";

/** The audit log as JSON Lines, streamed page by page; the export is itself recorded. */
export const GET = withWorkspace(ops.exportAuditLog, async ({ scope, caller, request, query }) => {
  const { entries, body } = await exportAuditLog(scope, auditActor(caller, request), query);
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${scope.workspaceId}.jsonl"`,
      "cache-control": "no-store",
      "audit-export-entries": String(entries),
    },
  });
});
