import "server-only";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { workspaceFilter } from "@/lib/db/tenant";
import type { Month } from "./month";

export interface MonthSteps {
  /** Billed steps this month (usage events: the completed and failed steps of finished runs, and answered reflections). */
  used: number;
  /** Steps held by runs still queued or running that were created this month. */
  reserved: number;
}

/**
 * A workspace's workflow steps in a month: what finished runs used plus what
 * queued and running runs will use. Raw SQL so admission can run it inside the
 * transaction that holds the workspace lock; the workspace filter comes from
 * workspaceFilter.
 */
export async function monthSteps(sql: SqlRunner, workspaceId: string, month: Month): Promise<MonthSteps> {
  const rows = await sql.$queryRaw<{ used: bigint | number | null; reserved: bigint | number | null }[]>`
    SELECT
      (SELECT COALESCE(SUM("steps"), 0) FROM "UsageEvent"
        WHERE ${workspaceFilter(workspaceId)} AND "createdAt" >= ${month.start} AND "createdAt" < ${month.end}) AS used,
      (SELECT COALESCE(SUM("stepCount"), 0) FROM "Run"
        WHERE ${workspaceFilter(workspaceId)} AND "status" IN ('queued', 'running')
          AND "createdAt" >= ${month.start} AND "createdAt" < ${month.end}) AS reserved`;
  const row = rows[0];
  return { used: Number(row?.used ?? 0), reserved: Number(row?.reserved ?? 0) };
}
