/** Order statistics the benchmarks print. */

/** The p-th percentile (0–100) of `values` by nearest rank; NaN when there are none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** "median 1.23 s, p95 2.34 s" of values in ms. */
export function medianP95(valuesMs: number[], unit: "s" | "ms" = "s"): string {
  const f = (ms: number) => (unit === "s" ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  return `median ${f(percentile(valuesMs, 50))}, p95 ${f(percentile(valuesMs, 95))}`;
}
