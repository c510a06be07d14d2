import type { ModelMessage } from "@/lib/models/types";

/** The exact input an agent sees, as sent to the model. */
export interface AgentInput {
  system: string;
  messages: ModelMessage[];
}

/**
 * Where part of a step's message comes from: the run's input, or the output of
 * an earlier step of the run, by its index in the run's sequence of steps (for
 * a crew, its agent's position; for a graph, the visit's place in the run), so
 * a step may reference any earlier steps, in any order.
 */
export type InputSource = { runInput: true } | { step: number };

/**
 * What a step stores as its input: its system prompt and references to what
 * its message is made of, in order. Earlier outputs are referenced by their
 * step's index in the run, never copied, so a run's storage grows linearly
 * with its steps; `composeInput` rebuilds the exact input when it is read.
 */
export interface InputRecipe {
  system: string;
  from: InputSource[];
}

/** What composition needs to know of a referenced step. */
export interface SourceStep {
  index: number;
  role: string;
  output: string | null;
}

/**
 * A crew's agent at `index` sees the run's input and the output of every
 * agent before it.
 */
export function crewRecipe(systemPrompt: string, index: number): InputRecipe {
  return {
    system: systemPrompt,
    from: [{ runInput: true }, ...Array.from({ length: index }, (_, step) => ({ step }))],
  };
}

/**
 * The message built from a recipe. When it holds only the run's input, the
 * agent receives that input as is. Otherwise each part is framed by a heading,
 * outputs by their step's number (index + 1) and role:
 *
 *   ## Input
 *   …
 *
 *   ## Output of step 1 (planner)
 *   …
 */
export function composeInput(recipe: InputRecipe, runInput: string, steps: readonly SourceStep[]): AgentInput {
  const only = recipe.from.length === 1 ? recipe.from[0] : undefined;
  if (only && "runInput" in only) {
    return { system: recipe.system, messages: [{ role: "user", content: runInput }] };
  }
  const sections = recipe.from.map((source) => {
    if ("runInput" in source) return `## Input\n${runInput}`;
    const step = steps.find((s) => s.index === source.step);
    return `## Output of step ${source.step + 1} (${step?.role ?? "unknown"})\n${step?.output ?? ""}`;
  });
  return { system: recipe.system, messages: [{ role: "user", content: sections.join("\n\n") }] };
}

/** Characters of an input: its system prompt and every message. */
export function inputSize(input: AgentInput): number {
  return input.messages.reduce((n, m) => n + m.content.length, input.system.length);
}

/** A step's stored `input` column: a recipe, or (rows written before recipes) the full input. */
export type StoredInput = InputRecipe | AgentInput;

export function isRecipe(stored: StoredInput): stored is InputRecipe {
  return Array.isArray((stored as InputRecipe).from);
}

/** The exact input a step's stored column stands for. */
export function readStoredInput(stored: StoredInput, runInput: string, steps: readonly SourceStep[]): AgentInput {
  return isRecipe(stored) ? composeInput(stored, runInput, steps) : stored;
}
