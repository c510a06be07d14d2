import "server-only";
import type { Endpoint } from "./call-endpoint";
import { sendToEndpoint } from "./call-endpoint";

export interface Concurrency {
  limit: number;
  key?: string;
  /**
   * "fn" (the default): the limit counts this function's jobs. "env" or
   * "account": it counts the jobs of every function with the same scope and
   * key (a constant such as `"plan-free"`), a limit they share.
   */
  scope?: "fn" | "env" | "account";
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

const ownScope = (c: Concurrency) => !c.scope || c.scope === "fn";

/**
 * The function's own keyed concurrency limit (the first with a key), else its
 * own limit without a key: what a job's concurrency key is computed from. A
 * limit shared with other functions (scope "env" or "account") is not one.
 */
export function concurrencyOf(fn: FunctionConfig): Concurrency | undefined {
  const own = limitsOf(fn).filter(ownScope);
  return own.find((c) => c.key) ?? own[0];
}

/** A limit on jobs whatever their keys, and the group of functions whose jobs count against it. */
export interface TotalConcurrency {
  limit: number;
  /** The function's id, or the scope and key of a limit functions share. */
  group: string;
}

/**
 * The function's limit on its jobs in all, whatever their keys: a limit it
 * shares with other functions (scope "env" or "account" and the same key, e.g.
 * a plan's share of the engine, which the plan's runs, ticks and reflections
 * hold together), else its own limit without a key when it also has a keyed
 * one. Inngest applies both; so does the driver.
 */
export function totalConcurrencyOf(fn: FunctionConfig): TotalConcurrency | undefined {
  const all = limitsOf(fn);
  const shared = all.find((c) => !ownScope(c) && c.key);
  if (shared) return { limit: shared.limit, group: `${shared.scope}:${shared.key}` };
  const own = all.filter(ownScope);
  const unkeyed = own.some((c) => c.key) ? own.find((c) => !c.key) : undefined;
  return unkeyed ? { limit: unkeyed.limit, group: fn.id } : undefined;
}

/** Whether a trigger's event name matches (Inngest allows a trailing wildcard, e.g. "run/*"). */
export function eventMatches(pattern: string | undefined, name: string): boolean {
  if (!pattern) return false;
  return pattern === name || (pattern.endsWith("*") && name.startsWith(pattern.slice(0, -1)));
}
