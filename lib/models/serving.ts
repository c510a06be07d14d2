import { env } from "@/lib/env";
import { toModelRef, type ModelProviderId, type ModelRef } from "./model-ref";

/** A model backend: a real API (Anthropic, or the OpenAI-compatible one), or the local simulator. */
export type ProviderName = "anthropic" | "openai" | "local";

/** True for model ids the Anthropic API serves. */
export function isAnthropicModel(model: string): boolean {
  return model.startsWith("claude-");
}

/** Models named when saying what is available: the current Anthropic families. */
export const ANTHROPIC_EXAMPLES = ["claude-sonnet-4-6", "claude-opus-4-7", "claude-haiku-4-5"] as const;
export const OPENAI_EXAMPLES = ["gpt-4o", "gpt-4.1", "o3-mini"] as const;
export const OLLAMA_EXAMPLES = ["llama3:8b", "mistral:7b", "qwen2:7b"] as const;

/** Ollama's OpenAI-compatible endpoint when OLLAMA_BASE_URL is not set. */
export const DEFAULT_OLLAMA_BASE_URL = "http://localhost:11434/v1";

/**
 * Real providers this server is configured for: Anthropic when ANTHROPIC_API_KEY
 * is set (or MODEL_PROVIDER=anthropic), OpenAI when OPENAI_API_KEY or
 * OPENAI_BASE_URL is set, Ollama when OLLAMA_BASE_URL is set; none when
 * MODEL_PROVIDER=local, which makes every model simulated even with a key.
 */
export function configuredProviders(): ModelProviderId[] {
  const e = env();
  if (e.MODEL_PROVIDER === "local") return [];
  const out: ModelProviderId[] = [];
  if (e.MODEL_PROVIDER === "anthropic" || e.ANTHROPIC_API_KEY) out.push("anthropic");
  if (e.OPENAI_API_KEY || e.OPENAI_BASE_URL) out.push("openai");
  if (e.OLLAMA_BASE_URL) out.push("ollama");
  return out;
}

/**
 * The provider that serves a model (the object or the string shorthand), or
 * null when none does. A model's own credential or baseUrl configures its
 * provider for it. The local simulator serves every model only while no real
 * provider is configured (or MODEL_PROVIDER=local): otherwise a model no real
 * provider serves is refused, never answered with simulated text.
 */
export function providerNameFor(value: string | ModelRef): ProviderName | null {
  if (env().MODEL_PROVIDER === "local") return "local";
  const ref = toModelRef(value);
  const real = configuredProviders();
  const own = Boolean(ref.credentialId || ref.baseUrl);
  if (ref.provider === "anthropic") {
    if ((real.includes("anthropic") || ref.credentialId) && isAnthropicModel(ref.model)) return "anthropic";
  } else if (real.includes(ref.provider) || own) {
    return "openai";
  }
  if (real.length === 0 && !own) return "local";
  return null;
}

const PROVIDER_LABELS: Record<ModelProviderId | "local", string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  ollama: "Ollama",
  local: "the local simulator",
};

export interface AvailableModels {
  provider: ModelProviderId | "local";
  /** The ids this provider serves, as a pattern: `*` for any id, `claude-*` for Anthropic. */
  pattern: string;
  /** A few ids it serves, to name in messages. */
  examples: string[];
}

const OFFERS: Record<ModelProviderId, Omit<AvailableModels, "provider">> = {
  anthropic: { pattern: "claude-*", examples: [...ANTHROPIC_EXAMPLES] },
  openai: { pattern: "gpt-* and o*", examples: [...OPENAI_EXAMPLES] },
  ollama: { pattern: "name:tag", examples: [...OLLAMA_EXAMPLES] },
};

/** What each serving provider accepts. */
export function availableModels(): AvailableModels[] {
  const real = configuredProviders();
  if (real.length === 0) return [{ provider: "local", pattern: "*", examples: [...ANTHROPIC_EXAMPLES] }];
  return real.map((provider) => ({ provider, ...OFFERS[provider] }));
}

/**
 * Why a model cannot be used here, naming the models that can; null when a
 * provider serves it. `suitable` narrows the examples named (e.g. to models
 * big enough to reflect).
 */
export function unservableModelMessage(
  value: string | ModelRef,
  suitable: (model: string) => boolean = () => true,
): string | null {
  if (providerNameFor(value) !== null) return null;
  const model = typeof value === "string" ? value : value.model;
  const offers = availableModels().map(
    (a) =>
      `${a.pattern} models through ${PROVIDER_LABELS[a.provider]} (such as ${a.examples.filter(suitable).join(", ")})`,
  );
  return `No configured model provider serves ${model}; available: ${offers.join("; ")}`;
}
