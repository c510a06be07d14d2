import "server-only";
import type { Endpoint } from "./call-endpoint";
import { sendToEndpoint } from "./call-endpoint";

export interface Concurrency {
  limit: number;
  key?: string;
}

/** One function as the serve endpoint registers it (the SDK's sync payload). */
export interface FunctionConfig {
  /** App-prefixed id, e.g. "loopllama-run-crew-team". */
  id: string;
  name?: string;
  triggers: { event?: string; expression?: string; cron?: string }[];
  steps: Record<string, { retries?: { attempts?: number } }>;
  /** A bare number is a limit without a key (e.g. `concurrency: 1`). */
  concurrency?: number | Concurrency | Concurrency[];
}

/** Inngest's default number of retries after the first attempt. */
const DEFAULT_RETRIES = 4;

/**
 * Reads the functions the endpoint registers, with an in-band sync (a PUT that
 * answers with the registration instead of posting it to Inngest): the same
 * payload an Inngest server reads at sync time.
 */
export async function readRegistration(endpoint: Endpoint): Promise<FunctionConfig[]> {
  const res = await sendToEndpoint(endpoint, "PUT", "", { url: endpoint.url }, { "X-Inngest-Sync-Kind": "in_band" });
  if (res.status !== 200) throw new Error(`Registration failed (${res.status}): ${await res.text()}`);
  const body = (await res.json()) as { functions?: FunctionConfig[] };
  return body.functions ?? [];
}

/** Attempts in all: the first one plus the function's retries. */
export function maxAttempts(fn: FunctionConfig): number {
  const retries = Object.values(fn.steps)[0]?.retries?.attempts;
  return (typeof retries === "number" ? retries : DEFAULT_RETRIES) + 1;
}

/** The function's concurrency limits as a list (Inngest takes up to two). */
function limitsOf(fn: FunctionConfig): Concurrency[] {
  const c = fn.concurrency;
  if (c === undefined) return [];
  if (typeof c === "number") return [{ limit: c }];
  return Array.isArray(c) ? c : [c];
}

/**
 * The function's keyed concurrency limit (the first with a key), else its
 * limit without a key: what a job's concurrency key is computed from.
 */
export function concurrencyOf(fn: FunctionConfig): Concurrency | undefined {
  const all = limitsOf(fn);
  return all.find((c) => c.key) ?? all[0];
}

/**
 * The function's limit on its jobs in all, whatever their keys: its limit
 * without a key, when it also has a keyed one (e.g. a plan's share of the
 * engine beside its per-owner slots). Inngest applies both; so does the driver.
 */
export function totalConcurrencyOf(fn: FunctionConfig): number | undefined {
  const all = limitsOf(fn);
  return all.some((c) => c.key) ? all.find((c) => !c.key)?.limit : undefined;
}

/** Whether a trigger's event name matches (Inngest allows a trailing wildcard, e.g. "run/*"). */
export function eventMatches(pattern: string | undefined, name: string): boolean {
  if (!pattern) return false;
  return pattern === name || (pattern.endsWith("*") && name.startsWith(pattern.slice(0, -1)));
}
