import "server-only";
import type { InngestFunction } from "inngest";

/** Inngest's default number of retries after the first attempt. */
const DEFAULT_RETRIES = 4;

export type AnyFunction = InngestFunction.Any;

interface TriggerShape {
  event?: string | { name: string };
  cron?: string;
  if?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the handler's context is built by the driver, not inferred
export type RawHandler = (ctx: any) => Promise<unknown>;

/** The function's id as declared (without the app prefix). */
export function functionId(fn: AnyFunction): string {
  return fn.id();
}

function triggers(fn: AnyFunction): TriggerShape[] {
  return (fn.opts.triggers ?? []) as TriggerShape[];
}

function eventName(t: TriggerShape): string | undefined {
  if (!t.event) return undefined;
  return typeof t.event === "string" ? t.event : t.event.name;
}

/** Whether one of the function's event triggers matches `name` (`if` expressions are not evaluated). */
export function triggeredBy(fn: AnyFunction, name: string): boolean {
  return triggers(fn).some((t) => {
    const n = eventName(t);
    if (!n) return false;
    if (n === name) return true;
    // Inngest allows a trailing wildcard, e.g. "run/*".
    return n.endsWith("*") && name.startsWith(n.slice(0, -1));
  });
}

/** The function's cron expressions, if any. */
export function cronsOf(fn: AnyFunction): string[] {
  return triggers(fn).flatMap((t) => (t.cron ? [t.cron] : []));
}

/** Attempts the driver makes in all: the first one plus the declared retries. */
export function maxAttempts(fn: AnyFunction): number {
  const retries = (fn.opts as { retries?: number }).retries;
  return (typeof retries === "number" ? retries : DEFAULT_RETRIES) + 1;
}

/**
 * The function's own handler: the driver calls it with its own `step` tools,
 * so there is one implementation of every function, whoever runs it.
 */
export function handlerOf(fn: AnyFunction): RawHandler {
  const handler = (fn as unknown as { fn?: RawHandler }).fn;
  if (typeof handler !== "function") throw new Error(`Function ${functionId(fn)} has no handler`);
  return handler;
}

/**
 * The workspace a job counts against for concurrency: functions that declare a
 * concurrency key on `event.data.workspaceId` are limited per workspace by plan.
 */
export function concurrencyKeyFor(fn: AnyFunction, data: unknown): string | null {
  const c = fn.opts.concurrency;
  const options = Array.isArray(c) ? c : c && typeof c === "object" ? [c] : [];
  const keyed = options.some((o) => typeof o.key === "string" && o.key.includes("event.data.workspaceId"));
  if (!keyed) return null;
  const ws = (data as { workspaceId?: unknown } | null)?.workspaceId;
  return typeof ws === "string" ? ws : null;
}
