import "server-only";
import { db } from "@/lib/db/client";

/** Workspaces looked at per sweep; the rest wait for the next. */
const WORKSPACES_PER_SWEEP = 500;

/**
 * The workspaces that may have audit entries past their retention: those with
 * an entry older than `days`, the shortest retention of any plan (each is then
 * pruned by its own plan's).
 */
export async function workspacesToPrune(days: number, now = new Date()): Promise<string[]> {
  const rows = await db.auditEntry.findMany({
    where: { createdAt: { lt: new Date(now.getTime() - days * 86_400_000) } },
    distinct: ["workspaceId"],
    select: { workspaceId: true },
    take: WORKSPACES_PER_SWEEP,
  });
  return rows.map((r) => r.workspaceId);
}
