import "server-only";
import { db } from "@/lib/db/client";
import { scopeFor, type Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import { sandboxConnection } from "./connection";
import { openDaytona } from "./daytona-client";

interface SandboxRow {
  id: string;
  providerId: string;
  credentialId: string | null;
}

/** Deletes one sandbox at the provider, then marks its row; a sandbox the provider no longer has counts as deleted. */
export async function deleteSandbox(scope: Scope, row: SandboxRow): Promise<boolean> {
  try {
    const connection = await sandboxConnection(scope, row.credentialId);
    if (connection) {
      const daytona = await openDaytona(connection);
      try {
        await daytona.delete(await daytona.get(row.providerId));
      } catch (err) {
        if (!/not found|404/i.test(err instanceof Error ? err.message : String(err))) throw err;
      }
    }
    await scope.db.sandbox.updateMany({ where: { id: row.id }, data: { deletedAt: new Date() } });
    return true;
  } catch {
    // Left for the next sweep.
    return false;
  }
}

/** When a run ends: the sandboxes created for it are deleted (those a workflow reuses are kept). */
export async function deleteRunSandboxes(scope: Scope, runId: string): Promise<number> {
  const rows = await scope.db.sandbox.findMany({
    where: { runId, deletedAt: null },
    select: { id: true, providerId: true, credentialId: true },
  });
  let deleted = 0;
  for (const row of rows) if (await deleteSandbox(scope, row)) deleted++;
  return deleted;
}

/**
 * The sweep's part: sandboxes whose run has ended but which are still there (the
 * process that ran it died before deleting them), and those a workflow reuses that no
 * run has used for SANDBOX_IDLE_MINUTES.
 */
export async function sweepSandboxes(options: { workspaceId?: string; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const idleBefore = new Date(now.getTime() - env().SANDBOX_IDLE_MINUTES * 60_000);
  const rows = await db.$queryRaw<(SandboxRow & { workspaceId: string })[]>`
    SELECT s.id, s."workspaceId", s."providerId", s."credentialId" FROM "Sandbox" s
    LEFT JOIN "Run" r ON r.id = s."runId" AND r."workspaceId" = s."workspaceId"
    WHERE s."deletedAt" IS NULL
      AND (${options.workspaceId ?? null}::text IS NULL OR s."workspaceId" = ${options.workspaceId ?? null})
      AND (
        (s."runId" IS NOT NULL AND (r.id IS NULL OR r.status IN ('completed', 'failed', 'cancelled')))
        OR (s."runId" IS NULL AND s."lastUsedAt" < ${idleBefore})
      )
    LIMIT 200`;
  let deleted = 0;
  for (const row of rows) if (await deleteSandbox(scopeFor(row.workspaceId), row)) deleted++;
  return deleted;
}
