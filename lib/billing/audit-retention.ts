import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { env } from "@/lib/env";
import type { Plan } from "@/lib/generated/prisma/enums";
import { PLANS, planLimits } from "./plans";

/** Days a workspace on `plan` keeps its audit entries: AUDIT_RETENTION_DAYS when set, else the plan's. */
export function auditRetentionDays(plan: Plan): number {
  return env().AUDIT_RETENTION_DAYS || planLimits(plan).auditRetentionDays;
}

/** The workspace's audit retention in days, by its current plan. */
export async function workspaceAuditRetentionDays(scope: Scope): Promise<number> {
  const { plan } = await scope.db.workspace.findUniqueOrThrow({
    where: { id: scope.workspaceId },
    select: { plan: true },
  });
  return auditRetentionDays(plan);
}

/** The shortest retention of any plan: no workspace keeps entries longer than this unpruned-for. */
export function shortestAuditRetentionDays(): number {
  return env().AUDIT_RETENTION_DAYS || Math.min(...Object.values(PLANS).map((p) => p.auditRetentionDays));
}
