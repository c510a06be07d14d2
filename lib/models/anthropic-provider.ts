import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import { env } from "@/lib/env";
import { ModelError, PermanentModelError, TransientModelError } from "./errors";
import type { ModelProvider, ModelRequest, ModelResult } from "./types";

export interface AnthropicOptions {
  apiKey?: string;
  /** Defaults to ANTHROPIC_BASE_URL, then the SDK's own default. */
  baseURL?: string;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
}

/** True for model ids the Anthropic API serves. */
export function isAnthropicModel(model: string): boolean {
  return model.startsWith("claude-");
}

/** Statuses worth retrying: timeout, conflict, rate limit, server errors, overload (529). */
function transientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const raw = headers?.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** Turns an SDK error into ours, keeping the API's own message. */
export function toModelError(err: unknown): ModelError {
  if (err instanceof ModelError) return err;
  if (err instanceof Anthropic.APIConnectionError) {
    return new TransientModelError(`Could not reach the Anthropic API: ${err.message}`);
  }
  if (err instanceof Anthropic.APIError && typeof err.status === "number") {
    const message = `Anthropic API ${err.status}: ${err.apiMessage ?? err.message}`;
    if (transientStatus(err.status)) {
      const e = new TransientModelError(message, err.status);
      e.retryAfterMs = retryAfterMs(err.headers);
      return e;
    }
    return new PermanentModelError(message, err.status);
  }
  return new PermanentModelError(err instanceof Error ? err.message : String(err));
}

export function createAnthropicProvider(options: AnthropicOptions = {}): ModelProvider {
  const e = env();
  const client = new Anthropic({
    apiKey: options.apiKey ?? e.ANTHROPIC_API_KEY,
    baseURL: options.baseURL ?? e.ANTHROPIC_BASE_URL,
    // Retries are ours (lib/models/complete.ts), one policy for every provider.
    maxRetries: 0,
    timeout: options.timeoutMs ?? 10 * 60_000,
  });
  return {
    name: "anthropic",
    async call(req: ModelRequest): Promise<ModelResult> {
      try {
        const message = await client.messages.create({
          model: req.model,
          system: req.system,
          max_tokens: req.maxTokens ?? e.MODEL_MAX_TOKENS,
          messages: req.messages,
        });
        const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
        return {
          text,
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          model: message.model,
          simulated: false,
        };
      } catch (err) {
        throw toModelError(err);
      }
    },
  };
}
