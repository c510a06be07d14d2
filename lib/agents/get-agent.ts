import "server-only";
import { notFound } from "@/lib/http/errors";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
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

/** Newest first, a page at a time (`{ data, nextCursor }`). */
export async function listAgents(scope: Scope, query: { limit: number; cursor?: string }) {
  const rows = await scope.db.agent.findMany({
    where: afterCursor(query.cursor),
    orderBy: newestFirst,
    take: query.limit + 1,
    include: agentInclude,
  });
  return toPage(rows, query.limit, serializeAgent);
}
