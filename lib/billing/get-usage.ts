import "server-only";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { daysOf, type Month } from "./month";

interface DayRow {
  day: string;
  steps: bigint | number;
  runs: bigint | number;
  reflections: bigint | number;
  inputTokens: bigint | number;
  outputTokens: bigint | number;
  costUsd: string | number;
}

/**
 * A month of usage from usage events: totals and one point per day (every day
 * of the month, zeros included). `steps` counts every billed step, each
 * answered reflection included as one; `runs` and `reflections` count each
 * kind. Grouped by day in SQL; raw queries bypass the tenant client's filter,
 * so the statement takes it from workspaceFilter.
 */
export async function getUsage(scope: Scope, month: Month) {
  const rows = await scope.db.$queryRaw<DayRow[]>`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day,
           COALESCE(SUM("steps"), 0) AS steps,
           COUNT(*) FILTER (WHERE "kind" = 'run') AS runs,
           COUNT(*) FILTER (WHERE "kind" = 'reflection') AS reflections,
           COALESCE(SUM("inputTokens"), 0) AS "inputTokens",
           COALESCE(SUM("outputTokens"), 0) AS "outputTokens",
           COALESCE(SUM("costUsd"), 0)::text AS "costUsd"
    FROM "UsageEvent"
    WHERE ${workspaceFilter(scope)} AND "createdAt" >= ${month.start} AND "createdAt" < ${month.end}
    GROUP BY 1
    ORDER BY 1`;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const daily = daysOf(month).map((date) => {
    const r = byDay.get(date);
    return {
      date,
      steps: Number(r?.steps ?? 0),
      runs: Number(r?.runs ?? 0),
      reflections: Number(r?.reflections ?? 0),
      inputTokens: Number(r?.inputTokens ?? 0),
      outputTokens: Number(r?.outputTokens ?? 0),
      costUsd: Number(r?.costUsd ?? 0),
    };
  });
  const totals = daily.reduce(
    (t, d) => ({
      steps: t.steps + d.steps,
      runs: t.runs + d.runs,
      reflections: t.reflections + d.reflections,
      inputTokens: t.inputTokens + d.inputTokens,
      outputTokens: t.outputTokens + d.outputTokens,
      costUsd: t.costUsd + d.costUsd,
    }),
    { steps: 0, runs: 0, reflections: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  );
  totals.costUsd = Math.round(totals.costUsd * 1e6) / 1e6;
  return { month: month.key, totals, daily };
}

export type Usage = Awaited<ReturnType<typeof getUsage>>;
