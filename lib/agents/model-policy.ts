/**
 * Reflection needs real reasoning: models known to be too small return `ok`
 * for everything or produce unusable patches, so agents may not use them.
 */
const TOO_SMALL: readonly RegExp[] = [
  /^claude-(\d[\d.-]*-)?haiku/, // claude-haiku-4-5, claude-3-haiku-…, claude-3-5-haiku-…
  /^claude-instant/,
  /^gpt-3\.5/,
  /^(text-)?(davinci|babbage|ada|curie)(-|:|$)/,
  /^tinyllama/,
  /^phi(-2)?(:|$)/,
  /^gemma2?:2b/,
  /^stablelm-zephyr/,
  /embed/, // embedding-only models cannot answer at all
];

/**
 * Models that reflect well and that the configured providers serve; named in
 * the refusal and offered in the agent form, so a suggestion is never refused.
 */
export const SUGGESTED_MODELS = ["claude-sonnet-4-6", "claude-opus-4-7"] as const;

/** `anthropic/claude-3-haiku` and `ollama:phi-2` are judged by the model name after the provider. */
function bareModel(model: string): string {
  const lower = model.trim().toLowerCase();
  const slash = lower.lastIndexOf("/");
  const withoutSlash = slash >= 0 ? lower.slice(slash + 1) : lower;
  const provider = /^(anthropic|openai|ollama|claude-code):/.exec(withoutSlash);
  return provider ? withoutSlash.slice(provider[0].length) : withoutSlash;
}

export function isModelTooSmall(model: string): boolean {
  const bare = bareModel(model);
  return TOO_SMALL.some((re) => re.test(bare));
}

/** Capable models per provider (seed 003's table), named when a model of that provider is refused. */
const SUGGESTED_BY_PROVIDER: Record<string, readonly string[]> = {
  anthropic: SUGGESTED_MODELS,
  openai: ["gpt-4o", "gpt-4-turbo"],
  ollama: ["llama3", "mistral"],
};

export function modelRefusalMessage(model: string, provider = "anthropic"): string {
  const suggested = SUGGESTED_BY_PROVIDER[provider] ?? SUGGESTED_MODELS;
  return `${model} is too small to reflect on runs; use a capable model such as ${suggested.slice(0, 2).join(" or ")}`;
}
