import "server-only";
import { createHmac } from "node:crypto";
import canonicalize from "canonicalize";

/** The fields of an entry its MAC covers: everything but its id and its own MAC. */
export interface AuditContent {
  workspaceId: string;
  seq: number;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  clientAddress: string | null;
  details: unknown;
  createdAt: Date;
  prevMac: string;
}

/** What the first entry of a workspace chains to. */
export const GENESIS_MAC = "genesis";

/**
 * HMAC-SHA256 (hex) under the server's audit key of the entry's content and
 * the MAC before it, serialised canonically (RFC 8785), so the database
 * reordering a JSON object's keys changes nothing and any edit changes it.
 */
export function auditMac(key: Buffer, entry: AuditContent): string {
  const text = canonicalize([
    "loopllama-audit-v1",
    entry.workspaceId,
    entry.seq,
    entry.actorType,
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.clientAddress,
    entry.details ?? {},
    entry.createdAt.toISOString(),
    entry.prevMac,
  ])!;
  return createHmac("sha256", key).update(text, "utf8").digest("hex");
}

/** What a pruning checkpoint records: the last pruned entry's number and MAC, and how many were pruned. */
export interface CheckpointContent {
  workspaceId: string;
  throughSeq: number;
  throughMac: string;
  pruned: number;
  createdAt: Date;
}

/** HMAC-SHA256 (hex) under the audit key of a checkpoint, so one edited in the database fails verification. */
export function checkpointMac(key: Buffer, checkpoint: CheckpointContent): string {
  const text = canonicalize([
    "loopllama-audit-checkpoint-v1",
    checkpoint.workspaceId,
    checkpoint.throughSeq,
    checkpoint.throughMac,
    checkpoint.pruned,
    checkpoint.createdAt.toISOString(),
  ])!;
  return createHmac("sha256", key).update(text, "utf8").digest("hex");
}
