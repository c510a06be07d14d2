import * as ops from "@/lib/api/operations/audit";
import { withWorkspace } from "@/lib/api/handler";
import { verifyAuditLog } from "@/lib/audit/verify-audit-log";
import { json } from "@/lib/http/respond";

export const GET = withWorkspace(ops.verifyAuditLog, async ({ scope }) => json(await verifyAuditLog(scope)));
