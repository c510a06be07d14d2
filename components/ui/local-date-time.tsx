"use client";

import { formatDateTime } from "@/lib/queries/format";
import { useHydrated } from "./use-hydrated";

/**
 * A date and time in the viewer's time zone and locale. The server does not
 * know them, so a server-rendered page carries the UTC time, and the browser
 * shows its own once hydrated (without a hydration mismatch).
 */
export function LocalDateTime({ iso, empty = "—" }: { iso: string | null | undefined; empty?: string }) {
  const inBrowser = useHydrated();
  if (!iso) return <>{empty}</>;
  return <time dateTime={iso}>{inBrowser ? formatDateTime(iso) : `${iso.slice(0, 16).replace("T", " ")} UTC`}</time>;
}
