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

/** One model backend. `call` makes a single attempt; retries live in `complete`. */
export interface ModelProvider {
  name: "anthropic" | "local";
  call(req: ModelRequest): Promise<ModelResult>;
}
