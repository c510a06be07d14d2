import type { ModelMessage } from "@/lib/models/types";

/** The exact input an agent sees; stored on its Step as `input`. */
export interface AgentInput {
  system: string;
  messages: ModelMessage[];
}

export interface PriorOutput {
  role: string;
  output: string;
}

/**
 * Agent 1 receives the run's input as is. Each later agent receives the
 * original input plus every prior agent's output, each framed by its step
 * number and role:
 *
 *   ## Input
 *   …
 *
 *   ## Output of step 1 (planner)
 *   …
 */
export function buildAgentInput(systemPrompt: string, runInput: string, prior: PriorOutput[]): AgentInput {
  if (prior.length === 0) {
    return { system: systemPrompt, messages: [{ role: "user", content: runInput }] };
  }
  const sections = [`## Input\n${runInput}`];
  prior.forEach((p, i) => sections.push(`## Output of step ${i + 1} (${p.role})\n${p.output}`));
  return { system: systemPrompt, messages: [{ role: "user", content: sections.join("\n\n") }] };
}
