/** A calendar month in UTC, the billing period of usage and allowances. */
export interface Month {
  /** "YYYY-MM" */
  key: string;
  start: Date;
  /** The first instant of the next month. */
  end: Date;
  days: number;
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthOf(date: Date): Month {
  return monthFromParts(date.getUTCFullYear(), date.getUTCMonth());
}

export function parseMonth(key: string): Month {
  if (!MONTH_PATTERN.test(key)) throw new Error(`Not a month: ${key}`);
  const [year, month] = key.split("-").map(Number) as [number, number];
  return monthFromParts(year, month - 1);
}

function monthFromParts(year: number, monthIndex: number): Month {
  const start = new Date(Date.UTC(year, monthIndex, 1));
  const end = new Date(Date.UTC(year, monthIndex + 1, 1));
  const key = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, "0")}`;
  return { key, start, end, days: Math.round((end.getTime() - start.getTime()) / 86_400_000) };
}

/** Every day of the month as "YYYY-MM-DD". */
export function daysOf(month: Month): string[] {
  return Array.from({ length: month.days }, (_, i) =>
    new Date(month.start.getTime() + i * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * Steps projected for the whole month if the pace so far continues (linear).
 * At least one hour counts as elapsed, so the first minutes do not explode.
 */
export function projectMonth(usedSoFar: number, month: Month, now: Date): number {
  const total = month.end.getTime() - month.start.getTime();
  if (now.getTime() >= month.end.getTime()) return usedSoFar;
  const elapsed = Math.max(3_600_000, now.getTime() - month.start.getTime());
  return Math.round((usedSoFar * total) / Math.min(total, elapsed));
}
