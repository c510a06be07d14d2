import "server-only";
import type { Scope } from "@/lib/db/tenant";
import type { LogLevel } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { KEEP_LOGS } from "./constants";
import type { TenantTx } from "./tx";

export interface LogEntry {
  level?: LogLevel;
  message: string;
  data?: Prisma.InputJsonValue;
}

/** Appends a log entry inside `tx` and drops entries beyond the newest 100, in the same transaction. */
export async function appendAgentLog(tx: TenantTx, workspaceId: string, agentId: string, entry: LogEntry) {
  const row = await tx.agentLog.create({
    data: {
      workspaceId,
      agentId,
      level: entry.level ?? "info",
      message: entry.message.slice(0, 2000),
      data: entry.data,
    },
  });
  const stale = await tx.agentLog.findMany({
    where: { agentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: KEEP_LOGS,
    select: { id: true },
  });
  if (stale.length) await tx.agentLog.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  return row;
}

/** Logs for an agent in their own transaction. */
export function logAgent(scope: Scope, agentId: string, entry: LogEntry) {
  return scope.db.$transaction((tx) => appendAgentLog(tx, scope.workspaceId, agentId, entry));
}
