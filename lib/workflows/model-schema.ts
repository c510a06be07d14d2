import ipaddr from "ipaddr.js";
import { z } from "zod";
import { env } from "@/lib/env";
import { isPublicAddress } from "@/lib/outbound/resolve";
import { encodeModelRef, modelRefObjectSchema, toModelRef, type ModelRef } from "@/lib/models/model-ref";
import { unservableModelMessage } from "@/lib/models/serving";

export { MAX_SYSTEM_PROMPT_CHARS } from "./graph/limits";

/** A model as stored (its id, or its object's JSON); who serves it is checked only when it is saved. */
export const modelIdSchema = z.string().trim().min(1, "Model is required").max(1000, "Use at most 1000 characters");

const CLAUDE_CODE =
  "claude-code models run through the Claude Code CLI on your own machine; the hosted service has no local CLI. Use anthropic with a claude-* model instead.";

/** Hosts that are private by name; addresses behind other names are checked when the model is called. */
const PRIVATE_NAME = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;

/** The model object as seed 003 writes it, or the string shorthand. */
const modelInput = z.union([
  z
    .string()
    .trim()
    .min(1, "Model is required")
    // The object's JSON (as the dashboard edits it) may be longer than an id.
    .refine((s) => s.length <= (s.startsWith("{") ? 1000 : 100), "Use at most 100 characters"),
  modelRefObjectSchema,
  z.object({ provider: z.literal("claude-code"), model: z.string().optional() }).loose(),
]);

/**
 * Save-time checks of a model, beside its shape: provider claude-code is refused,
 * a baseUrl on a private or loopback address is refused unless the server allows
 * it (names are resolved and checked again at call time), and with a real
 * provider configured a model none serves is refused, naming what is available.
 */
export type ModelInput = z.output<typeof modelInput>;

export function modelProblems(value: ModelInput, suitable?: (model: string) => boolean): string[] {
  if (typeof value === "object" && value.provider === "claude-code") return [CLAUDE_CODE];
  const ref = toModelRef(value as string | ModelRef);
  // A baseUrl that is not a URL is refused by the object's own schema; only a URL has a host to judge.
  if (ref.baseUrl && URL.canParse(ref.baseUrl) && env().ALLOW_PRIVATE_MODEL_ENDPOINTS !== "1") {
    const host = new URL(ref.baseUrl).hostname;
    const literal = host.replace(/^\[|\]$/g, "");
    if (ipaddr.isValid(literal) ? !isPublicAddress(literal) : PRIVATE_NAME.test(host)) {
      return [
        `baseUrl ${host} is a private or loopback address; model endpoints must be public unless the server sets ALLOW_PRIVATE_MODEL_ENDPOINTS=1`,
      ];
    }
  }
  const problem = unservableModelMessage(ref, suitable);
  return problem ? [problem] : [];
}

/** A model input checked by `problems`, kept as its stored form (encodeModelRef). */
export function modelInputSchema(problems: (value: ModelInput) => string[] = (v) => modelProblems(v)) {
  return modelInput
    .superRefine((value, ctx) => {
      for (const message of problems(value)) ctx.addIssue({ code: "custom", message });
    })
    .transform((value) => encodeModelRef(toModelRef(value as string | ModelRef)))
    .describe(
      'A model: the object {"provider": "anthropic" | "openai" | "ollama", "model": "…", "credentialId"?, "baseUrl"?} or its shorthand, the id (claude-* → anthropic, gpt-*/o* → openai, name:tag → ollama).',
    );
}

export const modelSchema = modelInputSchema();

/** A model as responses show it: always the object. */
export const modelRefResponseSchema = z
  .object({
    provider: z.enum(["anthropic", "openai", "ollama"]),
    model: z.string(),
    credentialId: z.string().optional(),
    baseUrl: z.string().optional(),
  })
  .meta({ id: "ModelRef" });
