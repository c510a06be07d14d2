import { outputJsonSchema } from "./output-schema";
import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import { env } from "@/lib/env";
import { ModelError, ModelTimeoutError, PermanentModelError, TransientModelError } from "./errors";
import type { CallOptions, ModelProvider, ModelRequest, ModelResult } from "./types";

export interface AnthropicOptions {
  apiKey?: string;
  /** Defaults to ANTHROPIC_BASE_URL, then the SDK's own default. */
  baseURL?: string;
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

/**
 * Turns an SDK error into ours, keeping the API's own message. `timeoutMs` is
 * the attempt's limit, named when the SDK gave up waiting.
 */
export function toModelError(err: unknown, timeoutMs?: number): ModelError {
  if (err instanceof ModelError) return err;
  if (timeoutMs !== undefined && err instanceof Anthropic.APIConnectionTimeoutError) {
    return new ModelTimeoutError(timeoutMs);
  }
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

/** The tool a typed-output request must call; its input is the answer. */
const OUTPUT_TOOL = "answer";

export function createAnthropicProvider(options: AnthropicOptions = {}): ModelProvider {
  const e = env();
  const client = new Anthropic({
    apiKey: options.apiKey ?? e.ANTHROPIC_API_KEY,
    baseURL: options.baseURL ?? e.ANTHROPIC_BASE_URL,
    // Retries are ours (lib/models/complete.ts), one policy for every provider.
    maxRetries: 0,
    timeout: e.MODEL_TIMEOUT_MS,
  });
  return {
    name: "anthropic",
    async call(req: ModelRequest, options: CallOptions = {}): Promise<ModelResult> {
      const timeoutMs = options.timeoutMs ?? e.MODEL_TIMEOUT_MS;
      try {
        // The SDK's own timeout and abort signal end a call that runs too long.
        const message = await client.messages.create(
          {
            model: req.model,
            system: req.system,
            max_tokens: req.maxTokens ?? e.MODEL_MAX_TOKENS,
            messages: req.messages,
            ...(req.output
              ? {
                  tools: [
                    {
                      name: OUTPUT_TOOL,
                      description: "Record the answer as the required fields.",
                      input_schema: outputJsonSchema(req.output),
                    },
                  ],
                  tool_choice: { type: "tool" as const, name: OUTPUT_TOOL },
                }
              : {}),
          },
          { timeout: timeoutMs, signal: options.signal },
        );
        const tool = req.output ? message.content.find((block) => block.type === "tool_use") : undefined;
        const text =
          tool?.type === "tool_use"
            ? JSON.stringify(tool.input)
            : message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
        return {
          text,
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          model: message.model,
          simulated: false,
        };
      } catch (err) {
        if (options.signal?.aborted) throw new ModelTimeoutError(timeoutMs);
        throw toModelError(err, timeoutMs);
      }
    },
  };
}
