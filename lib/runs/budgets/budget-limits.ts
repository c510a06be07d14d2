import type { Budget, Graph, GraphNode } from "@/lib/workflows/graph/types";
import { formatBudgetNumber } from "./format-budget-number";

/** The error code of a run a budget stopped. */
export const BUDGET_EXCEEDED = "budget_exceeded";

/** Where a limit comes from: the run request, the workflow's graph, or one of its nodes. */
export type BudgetSource = "run" | "workflow" | "node";

/** One budget that applies to a run, with what it counts against. */
export interface BudgetLimit {
  source: BudgetSource;
  /** The node, for a node's budget. */
  nodeId: string | null;
  wallClockMinutes: number | null;
  spendUsd: number | null;
}

/** What a run has used so far: minutes since it started and dollars spent (in all, and per node). */
export interface BudgetUsage {
  minutes: number;
  usd: number;
  nodeUsd: Record<string, number>;
}

function limitOf(source: BudgetSource, budget: Budget | null | undefined, nodeId: string | null = null) {
  if (!budget || (budget.wall_clock === undefined && budget.spend === undefined)) return [];
  return [{ source, nodeId, wallClockMinutes: budget.wall_clock ?? null, spendUsd: budget.spend?.usd ?? null }];
}

/** Every budget of a run, in the order they are checked: the run's, the workflow's, then each node's. */
export function budgetLimits(
  runBudget: Budget | null | undefined,
  graph: (Pick<Graph, "budget"> & { nodes: Pick<GraphNode, "id" | "budget">[] }) | null,
): BudgetLimit[] {
  return [
    ...limitOf("run", runBudget),
    ...limitOf("workflow", graph?.budget),
    ...(graph?.nodes ?? []).flatMap((n) => limitOf("node", n.budget, n.id)),
  ];
}

/** Minutes between two instants: a run's start and now (or its end). */
export function minutesBetween(from: Date | null, to: Date): number {
  return from ? Math.max(0, to.getTime() - from.getTime()) / 60_000 : 0;
}

/** A limit as written, without an exponent (a limit of 1e-7 reads 0.0000001). */
const showLimit = (n: number) => formatBudgetNumber(n, { significant: 6, decimals: 6 });
/** An amount reached: enough digits to compare with a fractional limit. */
const showReached = (n: number) => formatBudgetNumber(n, { significant: 2, decimals: 2 });

function label(limit: BudgetLimit): string {
  return limit.source === "node" ? `node "${limit.nodeId}"` : limit.source;
}

/**
 * The first budget the usage has reached, as the run's error message (naming
 * the budget, its limit and the amount reached), or null. Only the budgets of
 * `nodeId` (the node whose step is at the boundary) count among node budgets:
 * a node's budget applies while that node runs. A limit counts as exceeded
 * once the amount reaches it.
 */
export function budgetProblem(limits: BudgetLimit[], usage: BudgetUsage, nodeId: string | null): string | null {
  for (const limit of limits) {
    if (limit.source === "node" && limit.nodeId !== nodeId) continue;
    if (limit.wallClockMinutes !== null && usage.minutes >= limit.wallClockMinutes) {
      return (
        `Budget exceeded: ${label(limit)} wall_clock limit ${showLimit(limit.wallClockMinutes)} minutes, ` +
        `reached ${showReached(usage.minutes)} minutes`
      );
    }
    const usd = limit.source === "node" ? (usage.nodeUsd[limit.nodeId!] ?? 0) : usage.usd;
    if (limit.spendUsd !== null && usd >= limit.spendUsd) {
      return (
        `Budget exceeded: ${label(limit)} spend.usd limit ${showLimit(limit.spendUsd)}, ` +
        `reached ${formatBudgetNumber(usd, { significant: 3, decimals: 6 })}`
      );
    }
  }
  return null;
}
