import * as ops from "@/lib/api/operations/audit";
import { withWorkspace } from "@/lib/api/handler";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { json } from "@/lib/http/respond";

export const GET = withWorkspace(ops.listAuditLog, async ({ scope, query }) =>
  json(await listAuditEntries(scope, query)),
);
