import "server-only";
import { env } from "@/lib/env";
import { createAnthropicProvider, isAnthropicModel } from "./anthropic-provider";
import { isTransient, ModelError, PermanentModelError } from "./errors";
import { localProvider } from "./local-provider";
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
}

let anthropic: ModelProvider | undefined;

/**
 * The provider for a model: MODEL_PROVIDER forces one; otherwise Anthropic when
 * ANTHROPIC_API_KEY is set and the model is an Anthropic model, else local.
 */
export function providerFor(model: string): ModelProvider {
  const e = env();
  const choice = e.MODEL_PROVIDER ?? (e.ANTHROPIC_API_KEY && isAnthropicModel(model) ? "anthropic" : "local");
  if (choice === "local") return localProvider;
  anthropic ??= createAnthropicProvider();
  return anthropic;
}

const MAX_DELAY_MS = 30_000;

function delayFor(attempt: number, policy: RetryPolicy, hinted?: number): number {
  const exp = Math.min(MAX_DELAY_MS, policy.baseMs * 2 ** (attempt - 1));
  // Jitter keeps many retrying runs from hitting the API in lockstep.
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.min(MAX_DELAY_MS, Math.max(jittered, hinted ?? 0));
}

/**
 * Calls a model through one interface. Transient failures (429, 5xx, overload,
 * lost connection) are retried with exponential backoff; permanent ones (400,
 * 401, 404…) throw at once with the API's message. After the last retry the
 * transient error is thrown.
 */
export async function complete(req: ModelRequest, options: CompleteOptions = {}): Promise<ModelResult> {
  const e = env();
  const policy: RetryPolicy = {
    maxRetries: options.retry?.maxRetries ?? e.MODEL_MAX_RETRIES,
    baseMs: options.retry?.baseMs ?? e.MODEL_RETRY_BASE_MS,
  };
  const provider = options.provider ?? providerFor(req.model);
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await provider.call(req);
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
