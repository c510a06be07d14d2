import "server-only";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
import type { Scope } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListRunsQuery } from "./schemas";
import { runSelect, serializeRun } from "./serialize-run";

/** Runs newest first (without steps), filtered by workflow, the run they were forked from, status and creation time. */
export async function listRuns({ db }: Scope, query: ListRunsQuery) {
  const filters: Prisma.RunWhereInput[] = [afterCursor(query.cursor)];
  if (query.workflowId) filters.push({ workflowId: query.workflowId });
  if (query.forkedFrom) filters.push({ forkedFromId: query.forkedFrom });
  // "waiting" is a running run that waits for a person; "running" is one that does not.
  if (query.status === "waiting") filters.push({ status: "running", waitingFor: { not: null } });
  else if (query.status === "running") filters.push({ status: "running", waitingFor: null });
  else if (query.status) filters.push({ status: query.status });
  if (query.createdAfter) filters.push({ createdAt: { gt: new Date(query.createdAfter) } });
  if (query.createdBefore) filters.push({ createdAt: { lt: new Date(query.createdBefore) } });
  const rows = await db.run.findMany({
    where: { AND: filters },
    orderBy: newestFirst,
    take: query.limit + 1,
    select: runSelect,
  });
  return toPage(rows, query.limit, serializeRun);
}
