/** Dates as the dashboard shows them. Render these on the client only (time zones differ). */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDate(iso: string | null | undefined, empty = "—"): string {
  return iso ? dateFormat.format(new Date(iso)) : empty;
}

export function formatDateTime(iso: string | null | undefined, empty = "—"): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : empty;
}

/**
 * A time in a named zone, saying which: "Mon 7 Dec, 09:00 (Europe/Berlin)". The
 * zone defaults to the browser's, which is then named too, so nobody reads a
 * schedule's time in the wrong zone.
 */
export function formatInZone(
  iso: string | null | undefined,
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  empty = "—",
): string {
  if (!iso) return empty;
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

/** "3 minutes ago", "in 2 days". */
export function formatRelative(iso: string | null | undefined, empty = "Never", now = Date.now()): string {
  if (!iso) return empty;
  const diff = new Date(iso).getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ["year", 365 * 86_400_000],
    ["month", 30 * 86_400_000],
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
  ];
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return "just now";
}
