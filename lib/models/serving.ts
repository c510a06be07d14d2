import { env } from "@/lib/env";

/** A model backend: a real API, or the local simulator. */
export type ProviderName = "anthropic" | "local";

/** True for model ids the Anthropic API serves. */
export function isAnthropicModel(model: string): boolean {
  return model.startsWith("claude-");
}

/** Models named when saying what is available: the current Anthropic families. */
export const ANTHROPIC_EXAMPLES = ["claude-sonnet-4-6", "claude-opus-4-7", "claude-haiku-4-5"] as const;

/**
 * Real providers this server is configured for: Anthropic when ANTHROPIC_API_KEY
 * is set (or MODEL_PROVIDER=anthropic); none when MODEL_PROVIDER=local, which
 * makes every model simulated even with a key.
 */
export function configuredProviders(): Exclude<ProviderName, "local">[] {
  const e = env();
  if (e.MODEL_PROVIDER === "local") return [];
  if (e.MODEL_PROVIDER === "anthropic" || e.ANTHROPIC_API_KEY) return ["anthropic"];
  return [];
}

/**
 * The provider that serves `model`, or null when none does. The local
 * simulator serves every model only while no real provider is configured (or
 * MODEL_PROVIDER=local): with a key set, a model no real provider serves is
 * refused, never answered with simulated text.
 */
export function providerNameFor(model: string): ProviderName | null {
  const real = configuredProviders();
  if (real.length === 0) return "local";
  if (real.includes("anthropic") && isAnthropicModel(model)) return "anthropic";
  return null;
}

const PROVIDER_LABELS: Record<ProviderName, string> = { anthropic: "Anthropic", local: "the local simulator" };

export interface AvailableModels {
  provider: ProviderName;
  /** The ids this provider serves, as a pattern: `*` for any id, `claude-*` for Anthropic. */
  pattern: string;
  /** A few ids it serves, to name in messages. */
  examples: string[];
}

/** What each serving provider accepts. */
export function availableModels(): AvailableModels[] {
  const real = configuredProviders();
  if (real.length === 0) return [{ provider: "local", pattern: "*", examples: [...ANTHROPIC_EXAMPLES] }];
  return real.map((provider) => ({ provider, pattern: "claude-*", examples: [...ANTHROPIC_EXAMPLES] }));
}

/**
 * Why `model` cannot be used here, naming the models that can; null when a
 * provider serves it. `suitable` narrows the examples named (e.g. to models
 * big enough to reflect).
 */
export function unservableModelMessage(
  model: string,
  suitable: (model: string) => boolean = () => true,
): string | null {
  if (providerNameFor(model) !== null) return null;
  const offers = availableModels().map(
    (a) =>
      `${a.pattern} models through ${PROVIDER_LABELS[a.provider]} (such as ${a.examples.filter(suitable).join(", ")})`,
  );
  return `No configured model provider serves ${model}; available: ${offers.join("; ")}`;
}
