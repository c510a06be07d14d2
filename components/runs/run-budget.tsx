"use client";

import { useEffect, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { isTerminal, type Run } from "@/lib/queries/workflow-types";
import { budgetRows } from "./budget-rows";

/** Minutes since the run started, ticking while it runs; the server's figure once it ended. */
function useLiveMinutes(run: Run): number {
  const running = run.status === "running" && run.startedAt !== null;
  // Null until the page is live in the browser: the server's clock and the browser's differ, and
  // the first render must match the server's text.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [running]);
  if (!running || !run.budget || now === null) return run.budget?.usedMinutes ?? 0;
  return Math.max(run.budget.usedMinutes, (now - new Date(run.startedAt!).getTime()) / 60_000);
}

/**
 * The budgets that apply to a run (its request's, its workflow's, its
 * nodes'), each with what it used; the one that stopped the run is marked.
 * Nothing when no budget applies.
 */
export function RunBudget({ run }: { run: Run }) {
  const minutes = useLiveMinutes(run);
  if (!run.budget) return null;
  const rows = budgetRows(run.budget, minutes);
  const stopped = run.errorCode === "budget_exceeded";
  return (
    <Card data-testid="run-budget">
      <CardHeader
        title="Budget"
        description={
          stopped
            ? "A budget was reached: the run stopped at that step boundary."
            : isTerminal(run.status)
              ? "What the run used against its budgets."
              : "Checked before each step starts and after it finishes."
        }
      />
      {stopped && run.error ? (
        <p className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900 sm:px-5" role="status">
          {run.error}
        </p>
      ) : null}
      <ul className="divide-y divide-zinc-100">
        {rows.map((row) => (
          <li key={row.key} className="grid gap-1.5 px-4 py-3 sm:grid-cols-[12rem_1fr_10rem] sm:items-center sm:px-5">
            <span className="min-w-0 truncate text-sm font-medium text-zinc-900">
              {row.label}{" "}
              <span className="font-normal text-zinc-500">· {row.kind === "spend" ? "spend" : "wall clock"}</span>
            </span>
            <div
              role="progressbar"
              aria-label={`${row.label} ${row.kind === "spend" ? "spend" : "wall clock"}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(row.percent)}
              aria-valuetext={row.text}
              className="h-2 overflow-hidden rounded-full bg-zinc-100"
            >
              <div
                className={cn(
                  "h-full rounded-full",
                  row.reached ? "bg-red-500" : row.percent >= 80 ? "bg-amber-500" : "bg-emerald-500",
                )}
                style={{ width: `${row.percent}%` }}
              />
            </div>
            <span
              className={cn(
                "text-sm tabular-nums sm:text-right",
                row.reached ? "font-medium text-red-700" : "text-zinc-700",
              )}
            >
              {row.text}
              {row.reached ? " · reached" : ""}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
