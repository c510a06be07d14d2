import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { agentInclude, serializeAgent } from "./serialize-agent";

export async function getAgentRowOrThrow(scope: Scope, id: string) {
  const row = await scope.db.agent.findFirst({ where: { id }, include: agentInclude });
  if (!row) throw notFound("Agent");
  return row;
}

export async function getAgent(scope: Scope, id: string) {
  return serializeAgent(await getAgentRowOrThrow(scope, id));
}

export async function listAgents(scope: Scope, limit = 50) {
  const rows = await scope.db.agent.findMany({ orderBy: { createdAt: "desc" }, take: limit, include: agentInclude });
  return rows.map(serializeAgent);
}
