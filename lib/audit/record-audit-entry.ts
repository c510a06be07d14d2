import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { auditLogKey } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction, AuditActorType } from "./actions";
import { auditMac, GENESIS_MAC } from "./audit-mac";

export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  /** The client's address, for entries a request made. */
  clientAddress?: string | null;
}

export interface AuditRecord {
  action: AuditAction;
  target?: { type: string; id: string };
  /** What changed, never a secret. */
  details?: Prisma.InputJsonObject;
}

/**
 * Appends an entry to the workspace's audit log: the next number, the MAC of
 * the entry before it, and its own MAC over both and its content. Entries of
 * one workspace are appended one at a time (a transaction-scoped advisory
 * lock), so the chain never forks.
 */
export async function recordAuditEntry(scope: Scope, actor: AuditActor, record: AuditRecord): Promise<void> {
  const key = auditLogKey();
  await scope.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${scope.workspaceId}`}, 0))`;
    const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, mac: true } });
    // Millisecond precision, as the column stores it, so the MAC verifies after a round trip.
    const createdAt = new Date(Date.now());
    const content = {
      workspaceId: scope.workspaceId,
      seq: (last?.seq ?? 0) + 1,
      actorType: actor.type,
      actorId: actor.id,
      action: record.action,
      targetType: record.target?.type ?? null,
      targetId: record.target?.id ?? null,
      clientAddress: actor.clientAddress ?? null,
      details: record.details ?? {},
      createdAt,
      prevMac: last?.mac ?? GENESIS_MAC,
    };
    await tx.auditEntry.create({ data: { ...content, mac: auditMac(key, content) } });
  });
}
