import type { ModelRef } from "./model-ref";

/** A tool the model may call: its name, what it does, and a JSON schema for its input. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** One call the model asked for; `id` pairs it with its result in the next request. */
export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

/** The outcome of a tool call, sent back to the model. */
export interface ToolResult {
  toolCallId: string;
  content: string;
  isError?: boolean;
}

/**
 * One turn. An assistant turn that called tools carries `toolCalls`; the user
 * turn after it carries their `toolResults` (its `content` may be empty).
 */
export interface ModelMessage {
  role: "user" | "assistant";
  content: string;
  toolCalls?: ToolCall[];
  toolResults?: ToolResult[];
}

export interface ModelRequest {
  /** The model id sent to the provider. */
  model: string;
  /**
   * Which provider serves the model, with its credential and endpoint. Without
   * it the id is read as the string shorthand (lib/models/model-ref.ts).
   */
  ref?: ModelRef;
  system: string;
  messages: ModelMessage[];
  maxTokens?: number;
  /** The agent's role, a hint the local provider uses to shape its simulated answer. */
  role?: string;
  /**
   * Typed output: the answer must be a JSON object with these fields (types
   * as a graph node declares them). Anthropic is made to call a tool with that
   * input schema; the local provider answers valid values. The result's text
   * is then that JSON object.
   */
  output?: Record<string, string>;
  /** Tools the model may call; the calls come back in the result's `toolCalls`. */
  tools?: ToolSpec[];
  /** The run the call belongs to (recorded as the last use of a workspace credential). */
  runId?: string;
}

export interface ModelResult {
  text: string;
  inputTokens: number;
  outputTokens: number;
  model: string;
  /** True when the text came from the local provider rather than a real model. */
  simulated: boolean;
  /** Calls made to produce this result, retries included (set by `complete`). */
  attempts?: number;
  /** Tools the model asked to call before it answers; absent or empty when it answered. */
  toolCalls?: ToolCall[];
}

/** Limits of one attempt, set by `complete`. */
export interface CallOptions {
  /** The attempt fails with a ModelTimeoutError after this long (MODEL_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Aborted when the attempt has timed out; the provider stops waiting. */
  signal?: AbortSignal;
  /** Receives the answer's text as it streams, piece by piece. */
  onDelta?: (text: string) => void;
}

/**
 * One model backend. `call` makes a single attempt and honours the attempt's
 * timeout; retries live in `complete`.
 */
export interface ModelProvider {
  name: "anthropic" | "openai" | "local";
  call(req: ModelRequest, options?: CallOptions): Promise<ModelResult>;
}
