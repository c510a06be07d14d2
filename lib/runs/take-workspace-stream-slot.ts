import "server-only";
import { tooManyRequests } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";

/** How long a refused caller is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/** A slot lives this many heartbeats without being refreshed: a dead process's slots free themselves. */
const TTL_HEARTBEATS = 3;

export const streamSlotTtlMs = () => TTL_HEARTBEATS * env().RUN_STREAM_HEARTBEAT_MS;

export interface WorkspaceStreamSlot {
  id: string;
  /** Moves the slot's expiry forward; call it while the stream lives (at each heartbeat). */
  refresh(now?: Date): Promise<void>;
  /** Gives the slot back (once, however often it is called). */
  release(): Promise<void>;
}

/**
 * Counts an event stream against its workspace in PostgreSQL, so the limit
 * holds across server processes: past RUN_STREAMS_PER_WORKSPACE open streams
 * it is a 429 with Retry-After. The count and the insert run under a
 * per-workspace lock in one short transaction, so concurrent requests on any
 * process cannot pass the limit together. Expired slots (of a process that
 * died, or of a stream that stopped refreshing) are deleted on the way.
 */
export async function takeWorkspaceStreamSlot(scope: Scope, now = new Date()): Promise<WorkspaceStreamSlot> {
  const { db, workspaceId } = scope;
  const limit = env().RUN_STREAMS_PER_WORKSPACE;
  const ttlMs = streamSlotTtlMs();
  const slot = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`streams:${workspaceId}`}))) AS l`;
    await tx.runStreamSlot.deleteMany({ where: { expiresAt: { lte: now } } });
    const open = await tx.runStreamSlot.count();
    if (open >= limit) {
      throw tooManyRequests(
        `This workspace has ${open} run event streams open; the limit is ${limit} (RUN_STREAMS_PER_WORKSPACE). Close one, or poll GET /api/v1/runs/{id}.`,
        RETRY_AFTER_SECONDS,
      );
    }
    return tx.runStreamSlot.create({
      data: { workspaceId, expiresAt: new Date(now.getTime() + ttlMs) },
      select: { id: true },
    });
  });

  let released = false;
  let refreshing: Promise<unknown> = Promise.resolve();
  return {
    id: slot.id,
    async refresh(at = new Date()) {
      if (released) return;
      const expiresAt = new Date(at.getTime() + ttlMs);
      // Put back if it expired meanwhile (a stalled process): the stream is still open and counts.
      refreshing = db.runStreamSlot.upsert({
        where: { id: slot.id },
        create: { id: slot.id, workspaceId, expiresAt },
        update: { expiresAt },
        select: { id: true },
      });
      await refreshing;
    },
    async release() {
      if (released) return;
      released = true;
      // A refresh still under way would put the slot back after the delete.
      await refreshing.catch(() => undefined);
      await db.runStreamSlot.deleteMany({ where: { id: slot.id } });
    },
  };
}
