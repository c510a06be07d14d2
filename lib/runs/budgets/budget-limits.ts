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
  /** Whether time waiting at approval steps counts against wallClockMinutes. */
  wallClockIncludesWaiting: boolean;
  spendUsd: number | null;
}

/** What a run has used so far: minutes since it started and dollars spent (in all, and per node). */
export interface BudgetUsage {
  minutes: number;
  /** Of those minutes, the ones the run spent waiting for a person at approval steps. */
  waitedMinutes: number;
  usd: number;
  nodeUsd: Record<string, number>;
}

function limitOf(source: BudgetSource, budget: Budget | null | undefined, nodeId: string | null = null) {
  if (!budget || (budget.wall_clock === undefined && budget.spend === undefined)) return [];
  return [
    {
      source,
      nodeId,
      wallClockMinutes: budget.wall_clock ?? null,
      wallClockIncludesWaiting: budget.wall_clock_includes_waiting ?? false,
      spendUsd: budget.spend?.usd ?? null,
    },
  ];
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

/** A time an approval step waited: from its start until its answer (or `to`, while it waits). */
export interface WaitSpan {
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
}

/**
 * Minutes a run spent waiting for people: the union of its approval steps'
 * waits from `from` (the run's start) until `to`, so two approvals waiting at
 * once on parallel branches count once.
 */
export function waitedMinutes(waits: WaitSpan[], from: Date | null, to: Date): number {
  if (!from) return 0;
  const spans = waits
    .filter((w) => w.startedAt !== null)
    .map((w) => [
      Math.max(new Date(w.startedAt!).getTime(), from.getTime()),
      Math.min(w.finishedAt ? new Date(w.finishedAt).getTime() : to.getTime(), to.getTime()),
    ])
    .filter(([a, b]) => b! > a!)
    .sort((x, y) => x[0]! - y[0]!);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (b! <= end) continue;
    total += b! - Math.max(a!, end);
    end = b!;
  }
  return total / 60_000;
}

/** The minutes a limit's wall clock reads: the run's, less its waits unless the limit counts them. */
export function wallClockMinutes(limit: Pick<BudgetLimit, "wallClockIncludesWaiting">, usage: BudgetUsage): number {
  return limit.wallClockIncludesWaiting ? usage.minutes : Math.max(0, usage.minutes - usage.waitedMinutes);
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
    const minutes = wallClockMinutes(limit, usage);
    if (limit.wallClockMinutes !== null && minutes >= limit.wallClockMinutes) {
      return (
        `Budget exceeded: ${label(limit)} wall_clock limit ${showLimit(limit.wallClockMinutes)} minutes, ` +
        `reached ${showReached(minutes)} minutes` +
        (usage.waitedMinutes > 0 && !limit.wallClockIncludesWaiting ? " not counting waits for approvals" : "")
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
