import { z } from "zod";

export const MODEL_PROVIDERS = ["anthropic", "openai", "ollama"] as const;
export type ModelProviderId = (typeof MODEL_PROVIDERS)[number];

/** A model and who serves it: seed 003's model object. Stored as JSON. */
export interface ModelRef {
  provider: ModelProviderId;
  model: string;
  /** A workspace credential holding the API key; the server's env key otherwise. */
  credentialId?: string;
  /** An OpenAI-compatible endpoint (a gateway, vLLM, a remote Ollama). */
  baseUrl?: string;
}

/**
 * The provider a bare model id implies: `claude-*` → anthropic; `gpt-*`,
 * `o1*`, `o3*`, `o4*` → openai; `name:tag` (llama3:8b) → ollama. Any other id
 * stays with Anthropic, where it is judged as before (simulated without a key,
 * refused with one).
 */
export function providerOfModelId(model: string): ModelProviderId {
  const id = model.trim().toLowerCase();
  if (id.startsWith("claude-")) return "anthropic";
  if (/^(gpt-|o[134](-|$))/.test(id) || /^(chatgpt|text-|davinci|babbage|ada|curie)/.test(id)) return "openai";
  if (/^[a-z0-9][\w.-]*:[\w.-]+$/.test(id)) return "ollama";
  return "anthropic";
}

/** The object for a string shorthand; an object is returned with its fields trimmed. */
export function toModelRef(value: string | ModelRef): ModelRef {
  if (typeof value === "string") {
    // A model stored as its object's JSON (see encodeModelRef).
    if (value.trim().startsWith("{")) {
      const stored = readModelRef(value);
      if (stored) return stored;
    }
    return { provider: providerOfModelId(value), model: value.trim() };
  }
  const ref: ModelRef = { provider: value.provider, model: value.model.trim() };
  if (value.credentialId) ref.credentialId = value.credentialId;
  if (value.baseUrl) ref.baseUrl = value.baseUrl.trim().replace(/\/+$/, "");
  return ref;
}

/**
 * Reads a stored model: older rows hold the id as a string, newer ones the
 * object (as JSON, or a JSON string). Null when nothing is stored.
 */
export function readModelRef(stored: unknown): ModelRef | null {
  if (stored === null || stored === undefined || stored === "") return null;
  if (typeof stored === "string") {
    const text = stored.trim();
    if (text.startsWith("{")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { provider: providerOfModelId(text), model: text };
      }
      return readModelRef(parsed) ?? { provider: providerOfModelId(text), model: text };
    }
    return toModelRef(text);
  }
  const parsed = modelRefObjectSchema.safeParse(stored);
  return parsed.success ? toModelRef(parsed.data) : null;
}

/** A ref as a short label: the id, with the provider when the id alone would not imply it. */
export function modelLabel(ref: ModelRef): string {
  const implied = providerOfModelId(ref.model) === ref.provider && !ref.baseUrl;
  return implied ? ref.model : `${ref.provider}:${ref.model}`;
}

export const modelRefObjectSchema = z
  .object({
    provider: z.enum(MODEL_PROVIDERS).describe("Who serves the model."),
    model: z.string().trim().min(1, "Model is required").max(200, "Use at most 200 characters"),
    credentialId: z.string().trim().min(1).max(100).optional().describe("A workspace credential holding the API key."),
    baseUrl: z
      .string()
      .trim()
      .url("baseUrl must be a URL")
      .max(500)
      .refine((u) => /^https?:\/\//i.test(u), "baseUrl must be http or https")
      .optional()
      .describe("An OpenAI-compatible endpoint (openai and ollama only)."),
  })
  .strict()
  .superRefine((ref, ctx) => {
    if (ref.baseUrl && ref.provider === "anthropic") {
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "baseUrl is for openai and ollama models" });
    }
  });

/**
 * A ref in the form a model column keeps it: the bare id when the shorthand
 * says it all (so existing rows and new ones read alike), else the object's JSON.
 */
export function encodeModelRef(ref: ModelRef): string {
  const plain = !ref.credentialId && !ref.baseUrl && providerOfModelId(ref.model) === ref.provider;
  return plain ? ref.model : JSON.stringify(toModelRef(ref));
}

/** A stored model column (id or JSON) as the object responses show. */
export function modelRefOf(stored: string): ModelRef {
  return toModelRef(stored);
}
