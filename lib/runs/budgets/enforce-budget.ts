import "server-only";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import type { Budget } from "@/lib/workflows/graph/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { BUDGET_EXCEEDED, budgetLimits, budgetProblem, minutesBetween, waitedMinutes } from "./budget-limits";

interface Row {
  status: string;
  startedAt: Date | null;
  costUsd: number;
  budget: unknown;
  errorCode: string | null;
  error: string | null;
  graphBudget: unknown;
  nodeId: string | null;
  nodeBudget: unknown;
  nodeUsd: number;
}

/**
 * The budget check at a step boundary (before step `position` starts, before
 * each later turn of a step that called tools, and after each model turn, so
 * a tool loop cannot run a budget over by a whole step): the run request's budget, the workflow's and the budget
 * of the step's node are compared with the minutes since the run started
 * (Run.startedAt, so a retried or resumed run measures the same clock; less
 * the time spent waiting at approval steps, unless the budget says
 * wall_clock_includes_waiting) and
 * the cost so far (the run's, or for a node's budget its steps'). The first
 * budget reached is recorded on the run (errorCode "budget_exceeded" and the
 * message), once: later checks return that decision, no further step starts,
 * and finishing the run fails it with that message. Returns the message, or
 * null while every budget holds.
 */
export async function enforceBudget(scope: Scope, runId: string, position: number): Promise<string | null> {
  const rows = await scope.db.$queryRaw<Row[]>`
    SELECT r.status::text AS status, r."startedAt", r."costUsd"::float8 AS "costUsd", r.budget,
      r."errorCode", r.error, v.graph->'budget' AS "graphBudget", s."nodeId",
      (SELECT n->'budget' FROM jsonb_array_elements(COALESCE(v.graph->'nodes', '[]'::jsonb)) n
        WHERE n->>'id' = s."nodeId" LIMIT 1) AS "nodeBudget",
      COALESCE((
        SELECT sum(ns."costUsd") FROM "Step" ns
        WHERE ns."runId" = r.id AND ns."nodeId" = s."nodeId" AND ${workspaceFilter(scope, "ns")}
      ), 0)::float8 AS "nodeUsd"
    FROM "Run" r
    JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId" AND ${workspaceFilter(scope, "v")}
    LEFT JOIN "Step" s ON s."runId" = r.id AND s.index = ${position} AND ${workspaceFilter(scope, "s")}
    WHERE r.id = ${runId} AND ${workspaceFilter(scope, "r")}`;
  const run = rows[0];
  if (!run) throw new Error(`Run ${runId} not found`);
  if (run.errorCode === BUDGET_EXCEEDED) return run.error ?? "Budget exceeded";
  if (run.status !== "running") return null;

  // The version's budgets were checked when it was saved: read as stored, without parsing the whole graph.
  const nodeBudget = parseJsonColumn<Budget | null>(run.nodeBudget);
  const limits = budgetLimits(parseJsonColumn<Budget | null>(run.budget), {
    budget: parseJsonColumn<Budget | null>(run.graphBudget) ?? undefined,
    nodes: run.nodeId && nodeBudget ? [{ id: run.nodeId, budget: nodeBudget }] : [],
  });
  if (limits.length === 0) return null;
  const now = new Date();
  // Time spent waiting for people at approval steps (a fork's reused ones waited in the original).
  const waits = limits.some((l) => l.wallClockMinutes !== null && !l.wallClockIncludesWaiting)
    ? await scope.db.step.findMany({
        where: { runId, reused: false, NOT: { approval: { equals: Prisma.AnyNull } } },
        select: { startedAt: true, finishedAt: true },
      })
    : [];
  const usage = {
    minutes: minutesBetween(run.startedAt, now),
    waitedMinutes: waitedMinutes(waits, run.startedAt, now),
    usd: run.costUsd,
    nodeUsd: run.nodeId ? { [run.nodeId]: run.nodeUsd } : {},
  };
  const problem = budgetProblem(limits, usage, run.nodeId);
  if (!problem) return null;

  // The first decision stands: a concurrent branch that also found a budget reached keeps the first message.
  await scope.db.$executeRaw`
    UPDATE "Run" SET "errorCode" = ${BUDGET_EXCEEDED}, error = ${problem}
    WHERE id = ${runId} AND ${workspaceFilter(scope)} AND status = 'running' AND "errorCode" IS NULL`;
  const settled = await scope.db.run.findFirst({ where: { id: runId }, select: { error: true, errorCode: true } });
  return settled?.errorCode === BUDGET_EXCEEDED ? (settled.error ?? problem) : problem;
}
