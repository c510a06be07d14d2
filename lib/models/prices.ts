import { env } from "@/lib/env";

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * List prices by model id prefix (the longest matching prefix wins), so dated
 * ids such as `claude-3-5-haiku-20241022` find their family. MODEL_PRICES_JSON
 * (`{"model-or-prefix": {"input": 3, "output": 15}}`) adds or replaces entries.
 */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  "claude-opus-4-7": { input: 5, output: 25 },
  "claude-opus-4-6": { input: 5, output: 25 },
  "claude-opus-4-5": { input: 5, output: 25 },
  "claude-opus-4-1": { input: 15, output: 75 },
  "claude-opus-4": { input: 15, output: 75 },
  "claude-sonnet-4": { input: 3, output: 15 },
  "claude-3-7-sonnet": { input: 3, output: 15 },
  "claude-3-5-sonnet": { input: 3, output: 15 },
  "claude-haiku-4-5": { input: 1, output: 5 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
  "claude-3-haiku": { input: 0.25, output: 1.25 },
  "claude-3-opus": { input: 15, output: 75 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4-turbo": { input: 10, output: 30 },
  "gpt-3.5-turbo": { input: 0.5, output: 1.5 },
  "o1-mini": { input: 1.1, output: 4.4 },
  o1: { input: 15, output: 60 },
  "o3-mini": { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
  "o4-mini": { input: 1.1, output: 4.4 },
};

const priceSchema = (v: unknown): v is ModelPrice =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as ModelPrice).input === "number" &&
  typeof (v as ModelPrice).output === "number";

export function priceTable(): Record<string, ModelPrice> {
  const raw = env().MODEL_PRICES_JSON;
  if (!raw) return DEFAULT_PRICES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("MODEL_PRICES_JSON is not valid JSON");
  }
  const extra: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(parsed as Record<string, unknown>)) {
    if (!priceSchema(price)) throw new Error(`MODEL_PRICES_JSON: ${model} needs numeric input and output prices`);
    extra[model] = price;
  }
  return { ...DEFAULT_PRICES, ...extra };
}

export function priceOf(model: string, table = priceTable()): ModelPrice | null {
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (model.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : table[best]!;
}

export interface CostEstimate {
  usd: number;
  /** False when the model has no price: its cost is reported as 0. */
  priced: boolean;
  note?: string;
}

export function estimateCost(model: string, inputTokens: number, outputTokens: number): CostEstimate {
  const price = priceOf(model);
  if (!price) return { usd: 0, priced: false, note: `no price known for ${model}; counted as 0` };
  const usd = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
  return { usd: Math.round(usd * 1e6) / 1e6, priced: true };
}
