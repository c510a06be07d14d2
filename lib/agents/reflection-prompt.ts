import type { CrewMember } from "./crew-patch";
import { snapshot } from "./snapshot";

export interface ReflectionContext {
  goal: string;
  workflow: { id: string; name: string; version: number; crew: CrewMember[] };
  run: { id: string; status: string; input: string; output: string | null; error: string | null };
  steps: { index: number; role: string; status: string; error: string | null; output: string | null }[];
}

export interface ReflectionPrompt {
  system: string;
  messages: { role: "user"; content: string }[];
}

/** The first line of every reflection system prompt; the local provider recognises prompts by it. */
export const REFLECTION_PROMPT_MARKER = "You are the reflection engine of a LoopLlama agent.";

const SYSTEM = `${REFLECTION_PROMPT_MARKER}
You judge whether one run of a workflow made progress towards the agent's goal.
Answer with exactly one fenced block and nothing that looks like a second one:

\`\`\`agent-reflect
{ "verdict": "ok" | "modify" | "fail", "reason": "one sentence", "patch": { "agents": [ { "role": "...", "systemPrompt": "...", "model": "optional" } ] } }
\`\`\`

- "ok": the run made progress; nothing to change.
- "modify": the crew is structurally wrong for the goal. "patch" is required and is the COMPLETE new crew
  (1 to 10 agents, in order, each with role and systemPrompt), not a diff.
- "fail": the run failed in a way a new crew cannot fix (missing credentials, a permanent external error).`;

/** Builds the reflection request: the goal, the crew, per-step outcomes and a truncated snapshot of the final values. */
export function buildReflectionPrompt(ctx: ReflectionContext): ReflectionPrompt {
  const outcomes = ctx.steps.map((s) => ({
    index: s.index,
    role: s.role,
    outcome: s.status === "completed" ? "success" : s.status === "failed" ? "error" : s.status,
    ...(s.error ? { error: snapshot(s.error) } : {}),
  }));
  const finalValues = snapshot({
    input: ctx.run.input,
    output: ctx.run.output,
    steps: Object.fromEntries(ctx.steps.map((s) => [`${s.index}:${s.role}`, s.output])),
  });
  const context = {
    goal: ctx.goal,
    workflow: { id: ctx.workflow.id, name: ctx.workflow.name, version: ctx.workflow.version, crew: ctx.workflow.crew },
    run: { id: ctx.run.id, status: ctx.run.status, ...(ctx.run.error ? { error: snapshot(ctx.run.error) } : {}) },
    outcomes,
    finalValues,
  };
  const content = [
    `Goal:\n${ctx.goal}`,
    "Run context (the workflow's crew, per-step outcomes and a truncated snapshot of the final values):",
    "```json",
    JSON.stringify(context, null, 2),
    "```",
    "Reflect on this run and answer with one agent-reflect block.",
  ].join("\n\n");
  return { system: SYSTEM, messages: [{ role: "user", content }] };
}

/** Reads the run context back out of a reflection prompt (used by the local provider). */
export function readReflectionContext(content: string): { goal: string; crew: CrewMember[] } | null {
  const match = /```json\n([\s\S]*?)\n```/.exec(content);
  if (!match) return null;
  try {
    const parsed = JSON.parse(match[1]!) as { goal?: unknown; workflow?: { crew?: unknown } };
    if (typeof parsed.goal !== "string" || !Array.isArray(parsed.workflow?.crew)) return null;
    return { goal: parsed.goal, crew: parsed.workflow.crew as CrewMember[] };
  } catch {
    return null;
  }
}
