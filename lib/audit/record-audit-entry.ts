import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { auditLogKey } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction, AuditActorType } from "./actions";
import { auditMac, GENESIS_MAC } from "./audit-mac";

/**
 * What appending needs of a transaction: raw SQL, which a workspace-confined
 * transaction (scope.db's) and the root client's both run alike.
 */
export interface AuditWriter extends SqlRunner {
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Prisma.PrismaPromise<number>;
}

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
 * transaction-scoped advisory lock, held until the caller's transaction ends),
 * so the chain never forks; append last in a transaction, so the lock is held
 * for as short a time as possible.
 */
export async function appendAuditEntry(
  tx: AuditWriter,
  workspaceId: string,
  actor: AuditActor,
  record: AuditRecord,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${workspaceId}`}, 0))`;
  // Read after the lock: the entry a transaction that held it before just committed.
  // With every entry pruned, the chain goes on from the pruning checkpoint.
  const [last] = await tx.$queryRaw<{ seq: number; mac: string }[]>`
    (SELECT seq, mac FROM "AuditEntry" WHERE ${workspaceFilter(workspaceId)} ORDER BY seq DESC LIMIT 1)
    UNION ALL
    (SELECT "throughSeq" AS seq, "throughMac" AS mac FROM "AuditCheckpoint" WHERE ${workspaceFilter(workspaceId)})
    ORDER BY seq DESC LIMIT 1`;
  const content = {
    workspaceId,
    seq: (last?.seq ?? 0) + 1,
    actorType: actor.type,
    actorId: actor.id,
    action: record.action,
    targetType: record.target?.type ?? null,
    targetId: record.target?.id ?? null,
    clientAddress: actor.clientAddress ?? null,
    // As the column will hold it (no undefined fields), so the MAC verifies after a round trip.
    details: JSON.parse(JSON.stringify(record.details ?? {})) as Prisma.JsonObject,
    // Millisecond precision, as the column stores it, so the MAC verifies after a round trip.
    createdAt: new Date(),
    prevMac: last?.mac ?? GENESIS_MAC,
  };
  const mac = auditMac(auditLogKey(), content);
  // Sorts by number within the workspace, so entries of one millisecond list in order (newest first by id).
  const id = `a${String(content.seq).padStart(10, "0")}${randomBytes(8).toString("hex")}`;
  await tx.$executeRaw`
    INSERT INTO "AuditEntry" (id, "workspaceId", seq, "actorType", "actorId", action, "targetType", "targetId",
      "clientAddress", details, "createdAt", "prevMac", mac)
    VALUES (${id}, ${workspaceId}, ${content.seq}, ${content.actorType}, ${content.actorId}, ${content.action},
      ${content.targetType}, ${content.targetId}, ${content.clientAddress}, ${JSON.stringify(content.details)}::jsonb,
      ${content.createdAt.toISOString()}::timestamp(3), ${content.prevMac}, ${mac})`;
}

/** Appends an entry in a transaction of its own. */
export async function recordAuditEntry(scope: Scope, actor: AuditActor, record: AuditRecord): Promise<void> {
  await db.$transaction((tx) => appendAuditEntry(tx, scope.workspaceId, actor, record));
}
