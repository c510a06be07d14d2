import "server-only";
import { afterCursor, newestFirst, toPage } from "@/lib/http/pagination";
import type { Scope } from "@/lib/db/tenant";
import type { ListWorkflowsQuery } from "./schemas";
import { serializeWorkflow, versionContent, workflowSelect } from "./serialize-workflow";

function startOfMonthUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * Workflows newest first, each with its current crew, its last run and its
 * runs this calendar month (UTC). A fixed number of queries per page, however
 * many workflows it holds.
 */
export async function listWorkflows({ db }: Scope, query: ListWorkflowsQuery) {
  const rows = await db.workflow.findMany({
    where: { AND: [query.status ? { status: query.status } : {}, afterCursor(query.cursor)] },
    orderBy: newestFirst,
    take: query.limit + 1,
    select: workflowSelect,
  });
  const page = rows.slice(0, query.limit);
  const ids = page.map((w) => w.id);
  if (ids.length === 0)
    return toPage(rows, query.limit, (w) => ({
      ...serializeWorkflow(w, versionContent({ crew: [], graph: null })),
      lastRun: null,
      runsThisMonth: 0,
    }));

  const [versions, latest, monthly] = await Promise.all([
    db.workflowVersion.findMany({
      where: { OR: page.map((w) => ({ workflowId: w.id, version: w.currentVersion })) },
      select: { workflowId: true, crew: true, graph: true, responseTone: true },
    }),
    db.run.groupBy({ by: ["workflowId"], where: { workflowId: { in: ids } }, _max: { createdAt: true } }),
    db.run.groupBy({
      by: ["workflowId"],
      where: { workflowId: { in: ids }, createdAt: { gte: startOfMonthUtc() } },
      _count: { _all: true },
    }),
  ]);
  const lastKeys = latest.flatMap((g) =>
    g._max.createdAt ? [{ workflowId: g.workflowId, createdAt: g._max.createdAt }] : [],
  );
  const lastRuns = lastKeys.length
    ? await db.run.findMany({
        where: { OR: lastKeys },
        orderBy: newestFirst,
        select: { id: true, workflowId: true, status: true, createdAt: true },
      })
    : [];

  const contentOf = new Map(versions.map((v) => [v.workflowId, versionContent(v)]));
  const lastOf = new Map<string, { id: string; status: string; createdAt: Date }>();
  for (const run of lastRuns) {
    if (!lastOf.has(run.workflowId))
      lastOf.set(run.workflowId, { id: run.id, status: run.status, createdAt: run.createdAt });
  }
  const countOf = new Map(monthly.map((g) => [g.workflowId, g._count._all]));
  return toPage(rows, query.limit, (w) => ({
    ...serializeWorkflow(w, contentOf.get(w.id) ?? versionContent({ crew: [], graph: null })),
    lastRun: lastOf.get(w.id) ?? null,
    runsThisMonth: countOf.get(w.id) ?? 0,
  }));
}
