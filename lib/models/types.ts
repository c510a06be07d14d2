export interface ModelMessage {
  role: "user" | "assistant";
  content: string;
}

export interface ModelRequest {
  model: string;
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
}

/** Limits of one attempt, set by `complete`. */
export interface CallOptions {
  /** The attempt fails with a ModelTimeoutError after this long (MODEL_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Aborted when the attempt has timed out; the provider stops waiting. */
  signal?: AbortSignal;
}

/**
 * One model backend. `call` makes a single attempt and honours the attempt's
 * timeout; retries live in `complete`.
 */
export interface ModelProvider {
  name: "anthropic" | "local";
  call(req: ModelRequest, options?: CallOptions): Promise<ModelResult>;
}
