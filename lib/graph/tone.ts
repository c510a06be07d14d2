import { z } from "zod";

/* Pure: a workflow's response tone, inherited by nodes that set none of their own. */

export const TONE_PRESETS = ["neutral", "executive", "technical", "friendly", "concise", "formal", "teaching"] as const;
export type TonePreset = (typeof TONE_PRESETS)[number];

export const MAX_TONE_CHARS = 300;

const PRESET_INSTRUCTIONS: Record<TonePreset, string> = {
  neutral: "Write in a neutral, matter-of-fact tone.",
  executive:
    "Write for an executive: lead with the conclusion and the decision it asks for, then at most three short supporting points; no jargon.",
  technical: "Write for an engineer: precise terms, exact names, numbers and steps; no marketing language.",
  friendly: "Write in a warm, friendly, plain-spoken tone, as to a colleague.",
  concise: "Be concise: the fewest words that fully answer; no preamble and no repetition.",
  formal: "Write in a formal, courteous register, in complete sentences, without contractions or slang.",
  teaching: "Explain as a patient teacher: build from what the reader knows, define terms, and give a short example.",
};

export const responseToneSchema = z
  .string()
  .trim()
  .min(1, "Give a tone, or leave it out")
  .max(MAX_TONE_CHARS, `Use at most ${MAX_TONE_CHARS} characters`)
  .describe(`One of ${TONE_PRESETS.join(", ")}, or a tone in your own words.`);

export function isTonePreset(tone: string): tone is TonePreset {
  return (TONE_PRESETS as readonly string[]).includes(tone.trim().toLowerCase());
}

/** The instruction a tone adds to a prompt: a preset's own sentence, or the free text as asked. */
export function toneInstruction(tone: string): string {
  const key = tone.trim().toLowerCase();
  return isTonePreset(key) ? PRESET_INSTRUCTIONS[key] : `Write in this tone: ${tone.trim()}`;
}

/** A node's prompt with its tone (its own, else the workflow's) said after it; as is with none. */
export function withTone(prompt: string, nodeTone: string | undefined, workflowTone: string | undefined): string {
  const tone = nodeTone ?? workflowTone;
  return tone ? `${prompt}\n\nResponse tone: ${toneInstruction(tone)}` : prompt;
}
