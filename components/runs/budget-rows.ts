import type { RunBudget, RunBudgetLimit } from "@/lib/queries/workflow-types";
import { formatBudgetNumber } from "@/lib/runs/budgets/format-budget-number";
import { formatCost } from "./format-run";

/** One line of a run's budget card: a limit, what was used against it, and whether it stopped the run. */
export interface BudgetRow {
  key: string;
  /** "This run", "Workflow", `Node "draft"`. */
  label: string;
  kind: "wall_clock" | "spend";
  used: number;
  limit: number;
  /** "1.2 of 5 min", "$0.0123 of $0.01". */
  text: string;
  /** 0–100, for the bar. */
  percent: number;
  reached: boolean;
}

function labelOf(limit: RunBudgetLimit): string {
  if (limit.source === "run") return "This run";
  if (limit.source === "workflow") return "Workflow";
  return `Node "${limit.nodeId}"`;
}

/** Minutes with a precision that suits their size, never an exponent: 0.0000001, 0.004, 0.35, 12.5, 90. */
export function formatMinutes(n: number): string {
  return formatBudgetNumber(n, { significant: 2, decimals: n < 10 ? 1 : 0 });
}

/**
 * The rows of a run's budget card: per limit, its wall clock (minutes since
 * the run started, `minutes` live while it runs, less the time it waited at
 * approval steps unless the limit counts it) and its spend (the run's cost,
 * or a node's steps'). A row is reached once the amount reaches its limit.
 */
export function budgetRows(budget: RunBudget, runMinutes: number = budget.usedMinutes): BudgetRow[] {
  return budget.limits.flatMap((limit) => {
    const minutes = limit.wallClockIncludesWaiting ? runMinutes : Math.max(0, runMinutes - budget.waitedMinutes);
    const label = labelOf(limit);
    const key = `${limit.source}-${limit.nodeId ?? ""}`;
    const rows: BudgetRow[] = [];
    if (limit.wallClockMinutes !== null) {
      rows.push({
        key: `${key}-wall_clock`,
        label,
        kind: "wall_clock",
        used: minutes,
        limit: limit.wallClockMinutes,
        text: `${formatMinutes(minutes)} of ${formatMinutes(limit.wallClockMinutes)} min`,
        percent: Math.min(100, (minutes / limit.wallClockMinutes) * 100),
        reached: minutes >= limit.wallClockMinutes,
      });
    }
    if (limit.spendUsd !== null) {
      rows.push({
        key: `${key}-spend`,
        label,
        kind: "spend",
        used: limit.usedUsd,
        limit: limit.spendUsd,
        text: `${formatCost(limit.usedUsd)} of ${formatCost(limit.spendUsd)}`,
        percent: Math.min(100, (limit.usedUsd / limit.spendUsd) * 100),
        reached: limit.usedUsd >= limit.spendUsd,
      });
    }
    return rows;
  });
}
