import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan } from "@/lib/generated/prisma/enums";
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { Month } from "./month";
import type { MonthSteps } from "./month-steps";
import { ownerIdSql } from "./workspace-owner";

/**
 * The month's steps of every workspace on `plan` that counts against one
 * owner (ownerIdSql): what a per-owner allowance is measured against. Reads
 * across workspaces on purpose (the owner's, found by ownership, never by a
 * caller's list), like the scheduler's sweep.
 */
export async function ownerMonthSteps(sql: SqlRunner, ownerId: string, plan: Plan, month: Month): Promise<MonthSteps> {
  const rows = await sql.$queryRaw<{ used: bigint | number | null; reserved: bigint | number | null }[]>`
    WITH owned AS (
      SELECT ws.id FROM "Workspace" ws
      WHERE ws.plan = ${plan}::"Plan" AND ${ownerIdSql(Prisma.sql`ws.id`)} = ${ownerId}
        AND (ws.id = ${ownerId} OR ws.id IN (
          SELECT m."workspaceId" FROM "Membership" m WHERE m."userId" = ${ownerId} AND m.role = 'owner'))
    )
    SELECT
      (SELECT COALESCE(SUM("steps"), 0) FROM "UsageEvent"
        WHERE "workspaceId" IN (SELECT id FROM owned) AND "createdAt" >= ${month.start} AND "createdAt" < ${month.end}) AS used,
      (SELECT COALESCE(SUM("stepCount"), 0) FROM "Run"
        WHERE "workspaceId" IN (SELECT id FROM owned) AND "status" IN ('queued', 'running')
          AND "createdAt" >= ${month.start} AND "createdAt" < ${month.end}) AS reserved`;
  const row = rows[0];
  return { used: Number(row?.used ?? 0), reserved: Number(row?.reserved ?? 0) };
}
