import { z } from "zod";
import { unservableModelMessage } from "@/lib/models/serving";

export const MAX_SYSTEM_PROMPT_CHARS = 20_000;

/** A model id as stored; who serves it is checked only when it is saved. */
export const modelIdSchema = z.string().trim().min(1, "Model is required").max(100, "Use at most 100 characters");

export const modelSchema = modelIdSchema
  // With a real provider configured, a model none serves is refused, naming what is available.
  .superRefine((value, ctx) => {
    const problem = unservableModelMessage(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .describe("Model id, e.g. claude-sonnet-4-6 or claude-opus-4-7.");
