/**
 * A budget amount (minutes or dollars) as people read it: never an exponent (1e-7 reads
 * 0.0000001), amounts below 1 to `significant` digits, larger ones to at most `decimals` places.
 */
export function formatBudgetNumber(n: number, { significant = 2, decimals = 2 } = {}): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return "0";
  const options: Intl.NumberFormatOptions =
    Math.abs(n) < 1 ? { maximumSignificantDigits: significant } : { maximumFractionDigits: decimals };
  return new Intl.NumberFormat("en-US", { ...options, useGrouping: false }).format(n);
}
