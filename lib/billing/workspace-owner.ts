import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Plan } from "@/lib/generated/prisma/enums";
import type { SqlRunner } from "@/lib/db/sql-runner";

/**
 * SQL for the account a workspace's per-owner limits count against (plans
 * with `perOwner`, i.e. Free): the user who has owned it longest, or the
 * workspace's own id when no one owns it (it then counts on its own).
 * `workspaceId` is the workspace column of the enclosing statement; the
 * membership read is confined to that one workspace.
 */
export function ownerIdSql(workspaceId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT m."userId" FROM "Membership" m
    WHERE m."workspaceId" = ${workspaceId} AND m.role = 'owner'
    ORDER BY m."createdAt", m.id LIMIT 1), ${workspaceId})`;
}

export interface WorkspaceOwner {
  plan: Plan;
  /** See ownerIdSql. */
  ownerId: string;
}

/** The workspace's plan and owning account, which the engine's events carry for its concurrency keys. */
export async function workspaceOwner(sql: SqlRunner, workspaceId: string): Promise<WorkspaceOwner> {
  const rows = await sql.$queryRaw<WorkspaceOwner[]>`
    SELECT ws.plan::text AS plan, ${ownerIdSql(Prisma.sql`ws.id`)} AS "ownerId"
    FROM "Workspace" ws WHERE ws.id = ${workspaceId}`;
  return rows[0] ?? { plan: "free", ownerId: workspaceId };
}
