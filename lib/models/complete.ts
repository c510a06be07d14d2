import "server-only";
import { env } from "@/lib/env";
import { createAnthropicProvider } from "./anthropic-provider";
import { isTransient, ModelError, ModelTimeoutError, PermanentModelError } from "./errors";
import { localProvider } from "./local-provider";
import { providerNameFor, unservableModelMessage } from "./serving";
import type { ModelProvider, ModelRequest, ModelResult } from "./types";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First delay in ms; doubles each retry (with jitter), capped at 30 s. */
  baseMs: number;
}

export interface CompleteOptions {
  provider?: ModelProvider;
  retry?: Partial<RetryPolicy>;
  /** Limit of each attempt in ms; defaults to MODEL_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Receives the answer's text as it streams (every provider streams when this is set). */
  onDelta?: (text: string) => void;
}

// One client per configuration (tests change the environment between cases).
let anthropic: { key: string; provider: ModelProvider } | undefined;

/**
 * The provider that serves a model, as lib/models/serving decides. A model no
 * configured provider serves (say gpt-4o once ANTHROPIC_API_KEY is set) throws
 * a PermanentModelError naming the available models: it is never simulated.
 */
export function providerFor(model: string): ModelProvider {
  const name = providerNameFor(model);
  if (name === null) throw new PermanentModelError(unservableModelMessage(model) ?? `No provider serves ${model}`);
  if (name === "local") return localProvider;
  const e = env();
  const key = JSON.stringify([e.ANTHROPIC_API_KEY, e.ANTHROPIC_BASE_URL, e.MODEL_TIMEOUT_MS]);
  if (anthropic?.key !== key) anthropic = { key, provider: createAnthropicProvider() };
  return anthropic.provider;
}

/**
 * One attempt, ended after `timeoutMs` whatever the provider does: its signal
 * is aborted and the attempt fails with a ModelTimeoutError (transient).
 */
async function attemptWithTimeout(
  provider: ModelProvider,
  req: ModelRequest,
  timeoutMs: number,
  onDelta?: (text: string) => void,
) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ModelTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([provider.call(req, { timeoutMs, signal: controller.signal, onDelta }), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

const MAX_DELAY_MS = 30_000;

function delayFor(attempt: number, policy: RetryPolicy, hinted?: number): number {
  const exp = Math.min(MAX_DELAY_MS, policy.baseMs * 2 ** (attempt - 1));
  // Jitter keeps many retrying runs from hitting the API in lockstep.
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.min(MAX_DELAY_MS, Math.max(jittered, hinted ?? 0));
}

/**
 * Calls a model through one interface. Each attempt is limited to
 * MODEL_TIMEOUT_MS. Transient failures (429, 5xx, overload, lost connection,
 * timeout) are retried with exponential backoff; permanent ones (400, 401,
 * 404, a model no provider serves…) throw at once with the API's message.
 * After the last retry the transient error is thrown.
 */
export async function complete(req: ModelRequest, options: CompleteOptions = {}): Promise<ModelResult> {
  const e = env();
  const policy: RetryPolicy = {
    maxRetries: options.retry?.maxRetries ?? e.MODEL_MAX_RETRIES,
    baseMs: options.retry?.baseMs ?? e.MODEL_RETRY_BASE_MS,
  };
  const timeoutMs = options.timeoutMs ?? e.MODEL_TIMEOUT_MS;
  const provider = options.provider ?? providerFor(req.model);
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await attemptWithTimeout(provider, req, timeoutMs, options.onDelta);
      return { ...result, attempts: attempt };
    } catch (err) {
      const error = err instanceof ModelError ? err : new PermanentModelError(String(err));
      if (!isTransient(error) || attempt > policy.maxRetries) {
        error.attempts = attempt;
        throw error;
      }
      await new Promise((r) => setTimeout(r, delayFor(attempt, policy, error.retryAfterMs)));
    }
  }
}
