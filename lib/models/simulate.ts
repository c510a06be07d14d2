import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { MAX_SIMULATED_CHARS, MAX_SIMULATED_SLOW_MS } from "./simulate-limits";
import { ModelTimeoutError, PermanentModelError, TransientModelError } from "./errors";
import type { CallOptions, ModelRequest } from "./types";

/**
 * Failure directives the local provider obeys when they appear in a system
 * prompt, for demos and tests:
 *   [[simulate:error]]          fails permanently (like a 400), every time
 *   [[simulate:error:<text>]]   the same, with <text> as the message
 *   [[simulate:overloaded:N]]   fails transiently (529 overloaded) N times, then answers
 *   [[simulate:rate_limit:N]]   is refused by a rate limit (429, Retry-After: 5) N
 *                               times, then answers
 *   [[simulate:slow:MS]]        waits MS milliseconds (at most 60,000) before
 *                               answering; past the call's timeout
 *                               (MODEL_TIMEOUT_MS) it times out like a real
 *                               model would
 *   [[simulate:chars:N]]        answers with exactly N characters (at most
 *                               100,000: the usual answer, repeated or cut),
 *                               for size benchmarks
 *   [[simulate:reply:<text>]]   answers exactly <text> (no marker), so graph
 *                               routing and loops can be shown without a key;
 *                               <text> runs to the first ]] (JSON with arrays fits)
 * Only the local provider reads them: a real provider sends the prompt as it is.
 */
const DIRECTIVE = /\[\[simulate:(error|overloaded|rate_limit|slow|chars|reply)(?::([\s\S]*?))?\]\]/g;

/** The Retry-After of a simulated rate limit. */
export const SIMULATED_RETRY_AFTER_MS = 5000;

export interface Directives {
  error?: string;
  overloaded?: number;
  rateLimited?: number;
  slowMs?: number;
  chars?: number;
  reply?: string;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The directives in a system prompt. `chars` and `slow` are capped at
 * MAX_SIMULATED_CHARS and MAX_SIMULATED_SLOW_MS: prompts are checked when they
 * are saved, but an input or a prior step's output can carry a directive too.
 */
export function parseDirectives(system: string): Directives {
  const out: Directives = {};
  for (const m of system.matchAll(DIRECTIVE)) {
    const [, kind, arg] = m;
    if (kind === "error") out.error = arg?.trim() || "Simulated permanent model error ([[simulate:error]])";
    if (kind === "overloaded") out.overloaded = Math.max(0, Number.parseInt(arg ?? "1", 10) || 0);
    if (kind === "rate_limit") out.rateLimited = Math.max(0, Number.parseInt(arg ?? "1", 10) || 0);
    if (kind === "slow") out.slowMs = clamp(Number.parseInt(arg ?? "0", 10) || 0, 0, MAX_SIMULATED_SLOW_MS);
    if (kind === "reply") out.reply = arg ?? "";
    if (kind === "chars") out.chars = clamp(Number.parseInt(arg ?? "1", 10) || 1, 1, MAX_SIMULATED_CHARS);
  }
  return out;
}

// Failures already served per distinct request, so "N times then succeed" holds across retries.
const holder = globalThis as unknown as { loopllamaSimulatedFailures?: Map<string, number> };

function requestKey(req: ModelRequest): string {
  return createHash("sha256")
    .update(JSON.stringify([req.model, req.system, req.messages]))
    .digest("hex");
}

/** Waits `ms`, or less when the signal aborts first; true when it aborted. */
function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(aborted);
    };
    const onAbort = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Applies the request's directives: sleeps, throws, or lets the call through.
 * A slow answer is capped by the call's timeout: it waits no longer than that
 * and then fails with a ModelTimeoutError.
 */
export async function applyDirectives(req: ModelRequest, options: CallOptions = {}): Promise<void> {
  const d = parseDirectives(req.system);
  if (d.slowMs) {
    const timeoutMs = options.timeoutMs ?? env().MODEL_TIMEOUT_MS;
    const aborted = await wait(Math.min(d.slowMs, timeoutMs), options.signal);
    if (aborted || d.slowMs >= timeoutMs) throw new ModelTimeoutError(timeoutMs);
  }
  if (d.error) throw new PermanentModelError(d.error, 400);
  if (d.rateLimited) {
    const served = serveFailure(`rate_limit:${requestKey(req)}`, d.rateLimited);
    if (served) {
      const err = new TransientModelError(`Rate limited (simulated 429 ${served} of ${d.rateLimited})`, 429);
      err.retryAfterMs = SIMULATED_RETRY_AFTER_MS;
      throw err;
    }
  }
  if (d.overloaded) {
    const served = serveFailure(requestKey(req), d.overloaded);
    if (served) throw new TransientModelError(`Overloaded (simulated failure ${served} of ${d.overloaded})`, 529);
  }
}

/** Counts one more simulated failure under `key`: its number (1, 2, …), or 0 once `times` were served. */
function serveFailure(key: string, times: number): number {
  holder.loopllamaSimulatedFailures ??= new Map();
  const seen = holder.loopllamaSimulatedFailures;
  const served = seen.get(key) ?? 0;
  if (served >= times) return 0;
  seen.set(key, served + 1);
  return served + 1;
}
