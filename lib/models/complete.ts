import "server-only";
import { allowPrivateEndpoints, env } from "@/lib/env";
import { createAnthropicProvider } from "./anthropic-provider";
import {
  isTransient,
  ModelDeadlineError,
  ModelError,
  ModelTimeoutError,
  PermanentModelError,
  type TransientModelError,
} from "./errors";
import { localProvider } from "./local-provider";
import { modelBindingProblem } from "@/lib/credentials/binding";
import { redactSecret } from "@/lib/credentials/redact-secret";
import type { UnlockedCredential } from "@/lib/credentials/unlock-credential";
import { guardedFetch } from "@/lib/outbound/guarded-agent";
import type { ModelCredentials } from "./credential-source";
import { toModelRef, type ModelRef } from "./model-ref";
import { createOpenAIProvider } from "./openai-provider";
import { DEFAULT_OLLAMA_BASE_URL, providerNameFor, unservableModelMessage } from "./serving";
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
  /** Limit of the whole call (every attempt and backoff) in ms; defaults to MODEL_CALL_DEADLINE_MS. */
  deadlineMs?: number;
  /** Receives the answer's text as it streams (every provider streams when this is set). */
  onDelta?: (text: string) => void;
  /** Reads the key a model's `credentialId` names (the workspace's credentials). */
  credentials?: ModelCredentials;
  /** Told before each wait for a retry: the transient error (its status, 429 a rate limit) and when the call is made again. */
  onRetry?: (retry: ModelRetry) => Promise<void> | void;
}

/** A transient failure `complete` waits out before trying again. */
export interface ModelRetry {
  error: TransientModelError;
  /** When the next attempt starts. */
  at: Date;
  /** The attempt that failed (1: the first). */
  attempt: number;
}

// One client per configuration (tests change the environment between cases).
let anthropic: { key: string; provider: ModelProvider } | undefined;
// Clients for keys and endpoints models name, by configuration; kept small.
const clients = new Map<string, ModelProvider>();

function cached(key: string, make: () => ModelProvider): ModelProvider {
  let provider = clients.get(key);
  if (!provider) {
    if (clients.size >= 50) clients.clear();
    provider = make();
    clients.set(key, provider);
  }
  return provider;
}

function refusal(ref: ModelRef): PermanentModelError {
  return new PermanentModelError(unservableModelMessage(ref) ?? `No provider serves ${ref.model}`);
}

/**
 * The provider that serves a model served with the server's own keys, as
 * lib/models/serving decides. A model no configured provider serves (say
 * gpt-4o once only ANTHROPIC_API_KEY is set) throws a PermanentModelError
 * naming the available models: it is never simulated.
 */
export function providerFor(model: string | ModelRef): ModelProvider {
  const ref = toModelRef(model);
  const name = providerNameFor(ref);
  if (name === null) throw refusal(ref);
  if (name === "local") return localProvider;
  const e = env();
  if (name === "openai") {
    return cached(
      JSON.stringify([
        "openai",
        ref.provider,
        e.OPENAI_API_KEY,
        e.OPENAI_BASE_URL,
        e.OLLAMA_BASE_URL,
        e.MODEL_TIMEOUT_MS,
        e.ALLOW_PRIVATE_MODEL_ENDPOINTS,
        e.ALLOW_PRIVATE_ENDPOINTS,
      ]),
      () => openAIFor(ref, ref.provider === "ollama" ? "ollama" : (e.OPENAI_API_KEY ?? "none"), null),
    );
  }
  const key = JSON.stringify([e.ANTHROPIC_API_KEY, e.ANTHROPIC_BASE_URL, e.MODEL_TIMEOUT_MS]);
  if (anthropic?.key !== key) anthropic = { key, provider: createAnthropicProvider() };
  return anthropic.provider;
}

/** Where an OpenAI-compatible call goes, and whether a workspace (not the operator) chose it. */
function endpointFor(ref: ModelRef, bound: string | null): { baseURL?: string; named: boolean } {
  const e = env();
  const chosen = ref.baseUrl ?? bound ?? undefined;
  if (chosen) return { baseURL: chosen, named: true };
  if (ref.provider === "ollama") {
    // The operator's Ollama; without one, localhost is no more trusted than any address a member names.
    return e.OLLAMA_BASE_URL
      ? { baseURL: e.OLLAMA_BASE_URL, named: false }
      : { baseURL: DEFAULT_OLLAMA_BASE_URL, named: true };
  }
  return { baseURL: e.OPENAI_BASE_URL, named: false };
}

function openAIFor(ref: ModelRef, apiKey: string, credential: UnlockedCredential | null): ModelProvider {
  const { baseURL, named } = endpointFor(ref, credential?.baseUrl ?? null);
  const label = named && baseURL ? new URL(baseURL).host : ref.provider === "ollama" ? "Ollama" : "OpenAI";
  return createOpenAIProvider({
    apiKey,
    baseURL,
    label,
    // A workspace's endpoint is reached only through the guarded path: every
    // address it connects to is checked, and a key never follows a redirect.
    fetch: named
      ? guardedFetch(
          {
            purpose: "model endpoints",
            allowPrivate: allowPrivateEndpoints(),
            hint: "unless the server sets ALLOW_PRIVATE_ENDPOINTS=1 (or ALLOW_PRIVATE_MODEL_ENDPOINTS=1)",
          },
          { credentialed: credential !== null },
        )
      : undefined,
  });
}

/**
 * The provider with errors that never carry `secret`: an endpoint's error
 * (a 401 quoting the key it was sent) becomes the step's and the run's error,
 * which members read.
 */
function redacting(provider: ModelProvider, secret: string): ModelProvider {
  return {
    name: provider.name,
    async call(req, options) {
      try {
        return await provider.call(req, options);
      } catch (err) {
        if (err instanceof Error) err.message = redactSecret(err.message, secret);
        throw err;
      }
    },
  };
}

/**
 * The provider for a request's model, with the key its `credentialId` names
 * (read through `credentials`) before the server's own. The credential must be
 * bound to where the call goes (lib/credentials/binding): checked when the
 * model was saved, and again here, so a binding changed since is honoured.
 */
export async function resolveProvider(ref: ModelRef, credentials?: ModelCredentials): Promise<ModelProvider> {
  if (!ref.credentialId && !ref.baseUrl) return providerFor(ref);
  const name = providerNameFor(ref);
  if (name === null) throw refusal(ref);
  if (name === "local") return localProvider;
  const e = env();
  let credential: UnlockedCredential | null = null;
  if (ref.credentialId) {
    if (!credentials) throw new PermanentModelError(`Credential ${ref.credentialId} cannot be read for this call`, 400);
    try {
      credential = await credentials.unlock(ref.credentialId);
    } catch (err) {
      throw new PermanentModelError(err instanceof Error ? err.message : String(err), 400);
    }
    const problem = modelBindingProblem(credential, ref);
    if (problem) throw new PermanentModelError(`${problem.message}.`, 400);
  }
  if (name === "anthropic") {
    const apiKey = credential?.secret ?? e.ANTHROPIC_API_KEY;
    return cached(JSON.stringify(["anthropic", apiKey, e.ANTHROPIC_BASE_URL, e.MODEL_TIMEOUT_MS]), () =>
      credential
        ? redacting(createAnthropicProvider({ apiKey }), credential.secret)
        : createAnthropicProvider({ apiKey }),
    );
  }
  const apiKey =
    credential?.secret ?? (ref.provider === "openai" && !ref.baseUrl ? e.OPENAI_API_KEY : undefined) ?? "none";
  return cached(
    JSON.stringify([
      "openai",
      ref,
      credential?.baseUrl ?? null,
      apiKey,
      e.OPENAI_BASE_URL,
      e.OLLAMA_BASE_URL,
      e.MODEL_TIMEOUT_MS,
      e.ALLOW_PRIVATE_MODEL_ENDPOINTS,
      e.ALLOW_PRIVATE_ENDPOINTS,
    ]),
    () =>
      credential
        ? redacting(openAIFor(ref, apiKey, credential), credential.secret)
        : openAIFor(ref, apiKey, credential),
  );
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
 * MODEL_TIMEOUT_MS and the whole call, retries and backoff included, to
 * MODEL_CALL_DEADLINE_MS, so a slow endpoint cannot hold an engine slot for
 * long. Transient failures (429, 5xx, overload, lost connection, timeout) are
 * retried with exponential backoff; permanent ones (400, 401, 404, a model no
 * provider serves…) throw at once with the API's message. After the last
 * retry the transient error is thrown; past the deadline a ModelDeadlineError.
 */
export async function complete(req: ModelRequest, options: CompleteOptions = {}): Promise<ModelResult> {
  const e = env();
  const policy: RetryPolicy = {
    maxRetries: options.retry?.maxRetries ?? e.MODEL_MAX_RETRIES,
    baseMs: options.retry?.baseMs ?? e.MODEL_RETRY_BASE_MS,
  };
  const timeoutMs = options.timeoutMs ?? e.MODEL_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? e.MODEL_CALL_DEADLINE_MS;
  const deadline = Date.now() + deadlineMs;
  const ref = req.ref ?? toModelRef(req.model);
  const provider = options.provider ?? (await resolveProvider(ref, options.credentials));
  req = { ...req, model: ref.model };
  for (let attempt = 1; ; attempt++) {
    // The last attempt gets what is left of the deadline, not a full timeout.
    const left = deadline - Date.now();
    const cut = left < timeoutMs;
    try {
      const result = await attemptWithTimeout(provider, req, Math.max(1, Math.min(timeoutMs, left)), options.onDelta);
      return { ...result, attempts: attempt };
    } catch (err) {
      const error = err instanceof ModelError ? err : new PermanentModelError(String(err));
      if (cut && error instanceof ModelTimeoutError) throw new ModelDeadlineError(deadlineMs, attempt);
      if (!isTransient(error) || attempt > policy.maxRetries) {
        error.attempts = attempt;
        throw error;
      }
      const delay = delayFor(attempt, policy, error.retryAfterMs);
      if (Date.now() + delay >= deadline) throw new ModelDeadlineError(deadlineMs, attempt, error);
      await options.onRetry?.({ error, at: new Date(Date.now() + delay), attempt });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
