import { z } from "zod";
import {
  encodeModelRef,
  MODEL_PROVIDERS,
  modelRefObjectSchema,
  toModelRef,
  type ModelRef,
} from "@/lib/models/model-ref";

/*
 * Pure: a model reference's shape only. Which provider serves a model depends on the
 * server's configuration, so the API adds that check on top (lib/workflows/model-schema.ts).
 */

/** A model as stored (its id, or its object's JSON); who serves it is checked only when it is saved. */
export const modelIdSchema = z.string().trim().min(1, "Model is required").max(1000, "Use at most 1000 characters");

/** The model object as seed 003 writes it, or the string shorthand. */
export const modelRefInputSchema = z.union([
  z
    .string()
    .trim()
    .min(1, "Model is required")
    // The object's JSON (as the dashboard edits it) may be longer than an id.
    .refine((s) => s.length <= (s.startsWith("{") ? 1000 : 100), "Use at most 100 characters"),
  modelRefObjectSchema,
  z.object({ provider: z.literal("claude-code"), model: z.string().optional() }).loose(),
]);

export type ModelInput = z.output<typeof modelRefInputSchema>;

/** A model field: its shape, then `problems` (none here; the API passes its own), kept as its stored form. */
export function modelFieldSchema(problems: (value: ModelInput) => string[] = () => []) {
  return modelRefInputSchema
    .superRefine((value, ctx) => {
      for (const message of problems(value)) ctx.addIssue({ code: "custom", message });
    })
    .transform((value) => encodeModelRef(toModelRef(value as string | ModelRef)))
    .describe(
      'A model: the object {"provider": "anthropic" | "openai" | "ollama", "model": "…", "credentialId"?, "baseUrl"?} or its shorthand, the id (claude-* → anthropic, gpt-*/o* → openai, name:tag → ollama).',
    );
}

/** A model as responses show it: always the object. */
export const modelRefResponseSchema = z
  .object({
    provider: z.enum(MODEL_PROVIDERS),
    model: z.string(),
    credentialId: z.string().optional(),
    baseUrl: z.string().optional(),
  })
  .meta({ id: "ModelRef" });
