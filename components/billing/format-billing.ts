const integer = new Intl.NumberFormat("en-US");
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const usdPrecise = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });

export const formatSteps = (n: number) => integer.format(n);
/** "1 run", "2 runs". */
export const plural = (n: number, noun: string) => `${integer.format(n)} ${noun}${n === 1 ? "" : "s"}`;
export const formatUsd = (n: number) => usd.format(n);
/** Per-step prices are fractions of a cent. */
export const formatUsdPrecise = (n: number) => usdPrecise.format(n);

/** "2025-04" in UTC, the month usage is counted in. */
export function currentMonthKey(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function monthLabel(key: string): string {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}
