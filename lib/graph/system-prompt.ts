import { z } from "zod";
import { simulateDirectiveProblem } from "@/lib/models/simulate-limits";
import { MAX_SYSTEM_PROMPT_CHARS } from "./limits";

/** A system prompt as stored in a version: a saved one still reads after a check is added. */
export const storedSystemPromptSchema = z
  .string()
  .min(1, "System prompt is required")
  .max(MAX_SYSTEM_PROMPT_CHARS, `Use at most ${MAX_SYSTEM_PROMPT_CHARS} characters`)
  .refine((s) => s.trim().length > 0, "System prompt is required");

/** A system prompt as sent to be saved: also no simulate directive past its limit. */
export const systemPromptSchema = storedSystemPromptSchema.superRefine((s, ctx) => {
  const problem = simulateDirectiveProblem(s);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
