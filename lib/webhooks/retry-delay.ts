/** The longest wait between two attempts, whatever the backoff or the receiver's Retry-After says. */
export const MAX_RETRY_DELAY_MS = 4 * 60 * 60 * 1000;

/**
 * The receiver's Retry-After in ms: seconds, or an HTTP date (from `now`);
 * null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * How long to wait after failed attempt `attempt` (1 for the first): what the
 * receiver asked for with Retry-After, otherwise `base` doubled per attempt;
 * either way at most four hours.
 */
export function retryDelayMs(attempt: number, base: number, retryAfter: number | null): number {
  const backoff = base * 2 ** Math.min(attempt - 1, 30);
  return Math.min(retryAfter ?? backoff, MAX_RETRY_DELAY_MS);
}

/** Whether an answer is worth another attempt: 408, 429 and 5xx (network errors are too). */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
