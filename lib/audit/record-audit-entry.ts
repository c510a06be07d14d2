import "server-only";
import { db } from "@/lib/db/client";
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
 * Appends an entry to the workspace's audit log inside the caller's
 * transaction (so the entry commits with the change it records): the next
 * number, the MAC of the entry before it, and its own MAC over both and its
 * content. Entries of one workspace are appended one at a time (a
 * transaction-scoped advisory lock), so the chain never forks.
 */
export async function appendAuditEntry(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  actor: AuditActor,
  record: AuditRecord,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${workspaceId}`}, 0))`;
  const last = await tx.auditEntry.findFirst({
    where: { workspaceId },
    orderBy: { seq: "desc" },
    select: { seq: true, mac: true },
  });
  const content = {
    workspaceId,
    seq: (last?.seq ?? 0) + 1,
    actorType: actor.type,
    actorId: actor.id,
    action: record.action,
    targetType: record.target?.type ?? null,
    targetId: record.target?.id ?? null,
    clientAddress: actor.clientAddress ?? null,
    details: record.details ?? {},
    // Millisecond precision, as the column stores it, so the MAC verifies after a round trip.
    createdAt: new Date(),
    prevMac: last?.mac ?? GENESIS_MAC,
  };
  await tx.auditEntry.create({ data: { ...content, mac: auditMac(auditLogKey(), content) } });
}

/** Appends an entry in a transaction of its own. */
export async function recordAuditEntry(scope: Scope, actor: AuditActor, record: AuditRecord): Promise<void> {
  await db.$transaction((tx) => appendAuditEntry(tx, scope.workspaceId, actor, record));
}
