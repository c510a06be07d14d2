import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { auditLogKey } from "@/lib/env";
import { auditMac, checkpointMac, GENESIS_MAC } from "./audit-mac";

const BATCH = 1000;

export interface AuditVerification {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  /** What pruning removed (the chain is checked from there on); absent when nothing was pruned. */
  checkpoint?: { throughSeq: number; pruned: number; createdAt: string };
  /** The first entry (or the checkpoint) that does not verify, and why; absent when the whole chain does. */
  firstBroken?: { id: string; seq: number; reason: string };
}

/**
 * Walks the workspace's log in order and recomputes each entry's MAC: an
 * edited entry fails its own MAC, a removed one leaves a gap in the numbers
 * and breaks the next entry's link, a reordered or re-chained one fails both.
 * After pruning it starts from the signed checkpoint (the last pruned entry's
 * number and MAC): an edited checkpoint fails its MAC, a removed one leaves
 * entry 1 missing.
 */
export async function verifyAuditLog(scope: Scope): Promise<AuditVerification> {
  const key = auditLogKey();
  let expectedSeq = 1;
  let prevMac = GENESIS_MAC;
  let entries = 0;
  const saved = await scope.db.auditCheckpoint.findFirst();
  const checkpoint = saved
    ? { throughSeq: saved.throughSeq, pruned: saved.pruned, createdAt: saved.createdAt.toISOString() }
    : undefined;
  if (saved) {
    if (checkpointMac(key, saved) !== saved.mac) {
      return {
        ok: false,
        entries,
        checkpoint,
        firstBroken: {
          id: saved.id,
          seq: saved.throughSeq,
          reason: "the checkpoint of pruned entries does not match its MAC",
        },
      };
    }
    expectedSeq = saved.throughSeq + 1;
    prevMac = saved.throughMac;
  }
  const withCheckpoint = checkpoint ? { checkpoint } : {};
  for (;;) {
    const rows = await scope.db.auditEntry.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      entries++;
      const broken = (reason: string) => ({
        ok: false,
        entries,
        ...withCheckpoint,
        firstBroken: { id: row.id, seq: row.seq, reason },
      });
      if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing before it`);
      if (row.prevMac !== prevMac) return broken("it does not link to the entry before it");
      if (auditMac(key, row) !== row.mac) return broken("its content does not match its MAC");
      prevMac = row.mac;
      expectedSeq++;
    }
    if (rows.length < BATCH) return { ok: true, entries, ...withCheckpoint };
  }
}
