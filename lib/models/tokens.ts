import type { ModelRequest } from "./types";

/** Rough token count of a text: about four characters per token. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** Tokens of everything a request sends: system prompt and every message. */
export function requestTokens(req: ModelRequest): number {
  return countTokens(req.system) + req.messages.reduce((n, m) => n + countTokens(m.content), 0);
}
