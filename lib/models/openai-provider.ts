import "server-only";
import OpenAI from "openai";
import { env } from "@/lib/env";
import { blockedCause } from "@/lib/outbound/guarded-agent";
import { httpModelError, ModelError, ModelTimeoutError, PermanentModelError, TransientModelError } from "./errors";
import { outputJsonSchema } from "./output-schema";
import type { CallOptions, ModelProvider, ModelRequest, ModelResult, ToolCall } from "./types";

export interface OpenAIOptions {
  apiKey: string;
  /** The endpoint: OpenAI's own when absent, else an Ollama or gateway `/v1` URL. */
  baseURL?: string;
  /** Names the service in error messages ("OpenAI", "Ollama", the gateway's host). */
  label?: string;
  /**
   * How requests leave: the guarded fetch (lib/outbound) for an endpoint a
   * workspace named, which checks every address it connects to; the SDK's own
   * for the server's configured endpoints.
   */
  fetch?: typeof fetch;
}

/** An SDK error as ours, keeping the API's message; the same split as Anthropic's (429/5xx retried). */
export function toOpenAIModelError(err: unknown, label: string, timeoutMs?: number): ModelError {
  if (err instanceof ModelError) return err;
  // Refused because of where it would go: retrying cannot help.
  const blocked = blockedCause(err);
  if (blocked) return new PermanentModelError(`${label} endpoint refused: ${blocked.message}`, 400);
  if (timeoutMs !== undefined && err instanceof OpenAI.APIConnectionTimeoutError)
    return new ModelTimeoutError(timeoutMs);
  if (err instanceof OpenAI.APIConnectionError) {
    return new TransientModelError(`Could not reach the ${label} API: ${err.message}`);
  }
  if (err instanceof OpenAI.APIError && typeof err.status === "number") {
    const detail = (err.error as { message?: string } | undefined)?.message ?? err.message;
    const message = `${label} API ${err.status}: ${detail}`;
    return httpModelError(message, err.status, err.headers);
  }
  return new PermanentModelError(err instanceof Error ? err.message : String(err));
}

const OUTPUT_TOOL = "answer";

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type ChatTool = OpenAI.Chat.Completions.ChatCompletionTool;

/** Our turns as Chat Completions messages: tool calls on the assistant turn, one `tool` message per result. */
export function toChatMessages(req: ModelRequest): ChatMessage[] {
  const out: ChatMessage[] = req.system ? [{ role: "system", content: req.system }] : [];
  for (const m of req.messages) {
    if (m.role === "assistant") {
      out.push({
        role: "assistant",
        content: m.content || null,
        ...(m.toolCalls?.length
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: "function" as const,
                function: { name: c.name, arguments: JSON.stringify(c.input ?? {}) },
              })),
            }
          : {}),
      });
      continue;
    }
    for (const r of m.toolResults ?? []) {
      out.push({ role: "tool", tool_call_id: r.toolCallId, content: r.isError ? `Error: ${r.content}` : r.content });
    }
    if (m.content || !m.toolResults?.length) out.push({ role: "user", content: m.content });
  }
  return out;
}

function toolParams(req: ModelRequest): {
  tools?: ChatTool[];
  tool_choice?: OpenAI.Chat.Completions.ChatCompletionToolChoiceOption;
} {
  const tools: ChatTool[] = (req.tools ?? []).map((t) => ({
    type: "function",
    function: { name: t.name, description: t.description, parameters: { type: "object", ...t.inputSchema } },
  }));
  if (req.output) {
    tools.push({
      type: "function",
      function: {
        name: OUTPUT_TOOL,
        description: "Record the answer as the required fields.",
        parameters: outputJsonSchema(req.output) as Record<string, unknown>,
      },
    });
  }
  if (tools.length === 0) return {};
  if (req.output) {
    return {
      tools,
      tool_choice: req.tools?.length ? "required" : { type: "function", function: { name: OUTPUT_TOOL } },
    };
  }
  return { tools };
}

function parseArguments(raw: string): unknown {
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new PermanentModelError(`The model called a tool with arguments that are not JSON: ${raw.slice(0, 200)}`);
  }
}

function toResult(
  req: ModelRequest,
  parts: { text: string; calls: { id: string; name: string; arguments: string }[]; model: string },
  usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined,
): ModelResult {
  let calls: ToolCall[];
  try {
    calls = parts.calls.map((c) => ({ id: c.id, name: c.name, input: parseArguments(c.arguments) }));
  } catch (err) {
    // The call answered (badly): its tokens were spent and are metered with the error.
    if (err instanceof ModelError) {
      err.inputTokens = usage?.prompt_tokens ?? 0;
      err.outputTokens = usage?.completion_tokens ?? 0;
    }
    throw err;
  }
  const answer = req.output ? calls.find((c) => c.name === OUTPUT_TOOL) : undefined;
  const toolCalls = answer ? [] : calls;
  return {
    text: answer ? JSON.stringify(answer.input) : parts.text,
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    model: parts.model || req.model,
    simulated: false,
    ...(toolCalls.length ? { toolCalls } : {}),
  };
}

/**
 * Models behind the OpenAI Chat Completions API, through the official SDK:
 * OpenAI itself, Ollama's OpenAI-compatible endpoint, or any gateway (LiteLLM,
 * vLLM, OpenRouter). Streams when asked to (usage comes in the last chunk).
 */
export function createOpenAIProvider(options: OpenAIOptions): ModelProvider {
  const e = env();
  const label = options.label ?? "OpenAI";
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    // Retries are ours (lib/models/complete.ts), one policy for every provider.
    maxRetries: 0,
    timeout: e.MODEL_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    name: "openai",
    async call(req: ModelRequest, callOptions: CallOptions = {}): Promise<ModelResult> {
      const timeoutMs = callOptions.timeoutMs ?? e.MODEL_TIMEOUT_MS;
      const params = {
        model: req.model,
        messages: toChatMessages(req),
        // OpenAI's newer models take max_completion_tokens; Ollama and most gateways still read max_tokens.
        ...(options.baseURL
          ? { max_tokens: req.maxTokens ?? e.MODEL_MAX_TOKENS }
          : { max_completion_tokens: req.maxTokens ?? e.MODEL_MAX_TOKENS }),
        ...toolParams(req),
      };
      const requestOptions = { timeout: timeoutMs, signal: callOptions.signal };
      try {
        if (!callOptions.onDelta) {
          const completion = await client.chat.completions.create(params, requestOptions);
          const message = completion.choices[0]?.message;
          const calls = (message?.tool_calls ?? []).flatMap((c) =>
            c.type === "function" ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
          );
          return toResult(req, { text: message?.content ?? "", calls, model: completion.model }, completion.usage);
        }
        const stream = await client.chat.completions.create(
          { ...params, stream: true, stream_options: { include_usage: true } },
          requestOptions,
        );
        let text = "";
        let model = "";
        let usage: OpenAI.CompletionUsage | undefined;
        const calls: { id: string; name: string; arguments: string }[] = [];
        for await (const chunk of stream) {
          model ||= chunk.model;
          if (chunk.usage) usage = chunk.usage;
          const delta = chunk.choices[0]?.delta;
          if (delta?.content) {
            text += delta.content;
            callOptions.onDelta(delta.content);
          }
          for (const c of delta?.tool_calls ?? []) {
            const slot = (calls[c.index] ??= { id: "", name: "", arguments: "" });
            if (c.id) slot.id = c.id;
            if (c.function?.name) slot.name += c.function.name;
            if (c.function?.arguments) slot.arguments += c.function.arguments;
          }
        }
        return toResult(req, { text, calls: calls.filter(Boolean), model }, usage);
      } catch (err) {
        if (callOptions.signal?.aborted) throw new ModelTimeoutError(timeoutMs);
        throw toOpenAIModelError(err, label, timeoutMs);
      }
    },
  };
}
