import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { auditLogKey } from "@/lib/env";
import { auditMac, GENESIS_MAC } from "./audit-mac";

const BATCH = 1000;

export interface AuditVerification {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  /** The first entry that does not verify, and why; absent when the whole chain does. */
  firstBroken?: { id: string; seq: number; reason: string };
}

/**
 * Walks the workspace's log in order and recomputes each entry's MAC: an
 * edited entry fails its own MAC, a removed one leaves a gap in the numbers
 * and breaks the next entry's link, a reordered or re-chained one fails both.
 */
export async function verifyAuditLog(scope: Scope): Promise<AuditVerification> {
  const key = auditLogKey();
  let expectedSeq = 1;
  let prevMac = GENESIS_MAC;
  let entries = 0;
  for (;;) {
    const rows = await scope.db.auditEntry.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      entries++;
      const broken = (reason: string) => ({ ok: false, entries, firstBroken: { id: row.id, seq: row.seq, reason } });
      if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing before it`);
      if (row.prevMac !== prevMac) return broken("it does not link to the entry before it");
      if (auditMac(key, row) !== row.mac) return broken("its content does not match its MAC");
      prevMac = row.mac;
      expectedSeq++;
    }
    if (rows.length < BATCH) return { ok: true, entries };
  }
}
