import "server-only";
import { PLANS } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** Workspaces looked at per sweep; the rest wait for the next. */
const WORKSPACES_PER_SWEEP = 500;

/**
 * The workspaces that may have audit entries past their retention: those with
 * an entry older than the shortest retention of any plan (each is then pruned
 * by its own plan's, lib/audit/prune-audit-log).
 */
export async function workspacesToPrune(now = new Date()): Promise<string[]> {
  const days = env().AUDIT_RETENTION_DAYS || Math.min(...Object.values(PLANS).map((p) => p.auditRetentionDays));
  const rows = await db.auditEntry.findMany({
    where: { createdAt: { lt: new Date(now.getTime() - days * 86_400_000) } },
    distinct: ["workspaceId"],
    select: { workspaceId: true },
    take: WORKSPACES_PER_SWEEP,
  });
  return rows.map((r) => r.workspaceId);
}
