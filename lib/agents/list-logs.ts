import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { KEEP_LOGS } from "./constants";
import { getAgentRowOrThrow } from "./get-agent";

/** The agent's last 100 log entries, newest first. */
export async function listLogs(scope: Scope, agentId: string) {
  await getAgentRowOrThrow(scope, agentId);
  const rows = await scope.db.agentLog.findMany({
    where: { agentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: KEEP_LOGS,
  });
  return rows.map((l) => ({
    id: l.id,
    level: l.level,
    message: l.message,
    data: l.data,
    createdAt: l.createdAt.toISOString(),
  }));
}
