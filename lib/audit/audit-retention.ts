import "server-only";
import { planLimits } from "@/lib/billing/plans";
import { env } from "@/lib/env";
import type { Plan } from "@/lib/generated/prisma/enums";

/** Days a workspace on `plan` keeps its audit entries: AUDIT_RETENTION_DAYS when set, else the plan's. */
export function auditRetentionDays(plan: Plan): number {
  return env().AUDIT_RETENTION_DAYS || planLimits(plan).auditRetentionDays;
}
