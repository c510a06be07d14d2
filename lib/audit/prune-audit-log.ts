import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { auditLogKey } from "@/lib/env";
import { auditMac, checkpointMac, GENESIS_MAC } from "./audit-mac";
import { appendAuditEntry } from "./record-audit-entry";

/** Entries one pruning removes at most; a longer backlog goes at the next sweep. */
export const PRUNE_BATCH = 5_000;

export type PruneResult =
  | { status: "pruned"; pruned: number; throughSeq: number }
  | { status: "nothing" }
  | { status: "refused"; reason: string; seq: number };

/**
 * Deletes the workspace's audit entries older than `days` (its plan's
 * retention, lib/billing/audit-retention) and
 * leaves a signed checkpoint in their place: the last pruned entry's number
 * and MAC and the count pruned, under the server's audit key, so the chain
 * still verifies from there. The entries are checked before they go: a chain
 * that does not verify is not pruned (that would erase the evidence). Runs
 * under the log's lock, so no entry is appended meanwhile, and records itself
 * (`audit_log.pruned`, by the system).
 */
export async function pruneAuditLog(scope: Scope, days: number, now = new Date()): Promise<PruneResult> {
  const key = auditLogKey();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return scope.db.$transaction(
    async (tx): Promise<PruneResult> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${scope.workspaceId}`}, 0))`;
      const checkpoint = await tx.auditCheckpoint.findFirst();
      if (checkpoint && checkpointMac(key, checkpoint) !== checkpoint.mac) {
        return { status: "refused", reason: "the checkpoint does not match its MAC", seq: checkpoint.throughSeq };
      }
      // The oldest entries, in order, up to the first one still within the retention.
      const old = await tx.auditEntry.findMany({
        where: { createdAt: { lt: cutoff } },
        orderBy: { seq: "asc" },
        take: PRUNE_BATCH,
      });
      const keptFrom = await tx.auditEntry.findFirst({
        where: { createdAt: { gte: cutoff } },
        orderBy: { seq: "asc" },
        select: { seq: true },
      });
      const prunable = keptFrom ? old.filter((e) => e.seq < keptFrom.seq) : old;
      if (prunable.length === 0) return { status: "nothing" };

      let expectedSeq = (checkpoint?.throughSeq ?? 0) + 1;
      let prevMac = checkpoint?.throughMac ?? GENESIS_MAC;
      for (const entry of prunable) {
        if (entry.seq !== expectedSeq || entry.prevMac !== prevMac || auditMac(key, entry) !== entry.mac) {
          return { status: "refused", reason: `entry ${entry.seq} does not verify`, seq: entry.seq };
        }
        prevMac = entry.mac;
        expectedSeq++;
      }
      const last = prunable[prunable.length - 1]!;
      await tx.auditEntry.deleteMany({ where: { seq: { lte: last.seq } } });
      const content = {
        workspaceId: scope.workspaceId,
        throughSeq: last.seq,
        throughMac: last.mac,
        pruned: (checkpoint?.pruned ?? 0) + prunable.length,
        createdAt: now,
      };
      const mac = checkpointMac(key, content);
      await tx.auditCheckpoint.upsert({
        where: { workspaceId: scope.workspaceId },
        create: { ...content, mac },
        update: { ...content, mac },
      });
      await appendAuditEntry(
        tx,
        scope.workspaceId,
        { type: "system", id: null },
        {
          action: "audit_log.pruned",
          target: { type: "workspace", id: scope.workspaceId },
          details: { entries: prunable.length, throughSeq: last.seq, retentionDays: days },
        },
      );
      return { status: "pruned", pruned: prunable.length, throughSeq: last.seq };
    },
    { timeout: 60_000 },
  );
}
