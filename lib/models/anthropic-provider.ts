import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import { env } from "@/lib/env";
import { outputJsonSchema } from "./output-schema";
import { httpModelError, ModelError, ModelTimeoutError, PermanentModelError, TransientModelError } from "./errors";
import type { CallOptions, ModelProvider, ModelRequest, ModelResult } from "./types";

export interface AnthropicOptions {
  apiKey?: string;
  /** Defaults to ANTHROPIC_BASE_URL, then the SDK's own default. */
  baseURL?: string;
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
    return httpModelError(message, err.status, err.headers);
  }
  return new PermanentModelError(err instanceof Error ? err.message : String(err));
}

/** The tool a typed-output request must call; its input is the answer. */
const OUTPUT_TOOL = "answer";

/** Our turns as the Messages API's: tool calls become tool_use blocks, their results tool_result blocks. */
export function toAnthropicMessages(messages: ModelRequest["messages"]): Anthropic.MessageParam[] {
  return messages.map((m) => {
    if (m.role === "assistant" && m.toolCalls?.length) {
      return {
        role: "assistant",
        content: [
          ...(m.content ? [{ type: "text" as const, text: m.content }] : []),
          ...m.toolCalls.map((c) => ({ type: "tool_use" as const, id: c.id, name: c.name, input: c.input ?? {} })),
        ],
      };
    }
    if (m.role === "user" && m.toolResults?.length) {
      return {
        role: "user",
        content: [
          ...m.toolResults.map((r) => ({
            type: "tool_result" as const,
            tool_use_id: r.toolCallId,
            content: r.content,
            ...(r.isError ? { is_error: true } : {}),
          })),
          ...(m.content ? [{ type: "text" as const, text: m.content }] : []),
        ],
      };
    }
    return { role: m.role, content: m.content };
  });
}

function toolParams(req: ModelRequest): Pick<Anthropic.MessageCreateParams, "tools" | "tool_choice"> {
  const tools: Anthropic.Tool[] = (req.tools ?? []).map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: { type: "object", ...t.inputSchema } as Anthropic.Tool.InputSchema,
  }));
  if (req.output) {
    tools.push({
      name: OUTPUT_TOOL,
      description: "Record the answer as the required fields.",
      input_schema: outputJsonSchema(req.output),
    });
  }
  if (tools.length === 0) return {};
  // A typed answer alone is forced; beside other tools the model must call one of them.
  if (req.output) {
    return { tools, tool_choice: req.tools?.length ? { type: "any" } : { type: "tool", name: OUTPUT_TOOL } };
  }
  return { tools };
}

function toResult(req: ModelRequest, message: Anthropic.Message): ModelResult {
  const uses = message.content.flatMap((block) => (block.type === "tool_use" ? [block] : []));
  const answer = req.output ? uses.find((u) => u.name === OUTPUT_TOOL) : undefined;
  const text = answer
    ? JSON.stringify(answer.input)
    : message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
  const toolCalls = answer
    ? []
    : uses
        .filter((u) => u.name !== OUTPUT_TOOL || !req.output)
        .map((u) => ({ id: u.id, name: u.name, input: u.input }));
  return {
    text,
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    model: message.model,
    simulated: false,
    ...(toolCalls.length ? { toolCalls } : {}),
  };
}

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
      const params = {
        model: req.model,
        system: req.system,
        max_tokens: req.maxTokens ?? e.MODEL_MAX_TOKENS,
        messages: toAnthropicMessages(req.messages),
        ...toolParams(req),
      };
      try {
        // The SDK's own timeout and abort signal end a call that runs too long.
        if (options.onDelta) {
          const onDelta = options.onDelta;
          const stream = client.messages.stream(params, { timeout: timeoutMs, signal: options.signal });
          stream.on("text", (delta) => {
            if (delta) onDelta(delta);
          });
          return toResult(req, await stream.finalMessage());
        }
        const message = await client.messages.create(params, { timeout: timeoutMs, signal: options.signal });
        return toResult(req, message);
      } catch (err) {
        if (options.signal?.aborted) throw new ModelTimeoutError(timeoutMs);
        throw toModelError(err, timeoutMs);
      }
    },
  };
}
