import type { CrewMember } from "./crew-patch";
import { snapshot } from "./snapshot";
import type { Graph } from "@/lib/workflows/graph/types";

export interface ReflectionContext {
  goal: string;
  /** A crew workflow carries its crew; a graph workflow its graph (nodes, edges, start, caps). */
  workflow: { id: string; name: string; version: number; crew: CrewMember[] | null; graph?: Graph | null };
  run: { id: string; status: string; input: string; output: string | null; error: string | null };
  steps: {
    index: number;
    role: string;
    nodeId?: string | null;
    status: string;
    error: string | null;
    output: string | null;
  }[];
  /** The admins' latest decisions on this agent's proposals (propose mode), newest first. */
  reviews?: { decision: string; comment: string | null; proposed: string }[];
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

const GRAPH_SYSTEM = `${REFLECTION_PROMPT_MARKER}
You judge whether one run of a graph workflow made progress towards the agent's goal.
Answer with exactly one fenced block and nothing that looks like a second one:

\`\`\`agent-reflect
{ "verdict": "ok" | "modify" | "fail", "reason": "one sentence", "patch": { "nodes": [ { "id": "slug", "role": "...", "systemPrompt": "..." } ], "edges": [ { "from": "id", "to": "id or END", "when": "optional" } ] } }
\`\`\`

- "ok": the run made progress; nothing to change.
- "modify": the graph is structurally wrong for the goal. "patch" is required and is the COMPLETE new graph
  (nodes and edges; "start" is the first node unless given; the caps stay unless given), not a diff.
- "fail": the run failed in a way a new graph cannot fix (missing credentials, a permanent external error).`;

/** Builds the reflection request: the goal, the crew, per-step outcomes and a truncated snapshot of the final values. */
export function buildReflectionPrompt(ctx: ReflectionContext): ReflectionPrompt {
  const graph = ctx.workflow.graph ?? null;
  const outcomes = ctx.steps.map((s) => ({
    index: s.index,
    ...(graph ? { node: s.nodeId ?? null } : {}),
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
    workflow: graph
      ? {
          id: ctx.workflow.id,
          name: ctx.workflow.name,
          version: ctx.workflow.version,
          kind: "graph",
          start: graph.start,
          nodes: graph.nodes,
          edges: graph.edges,
          maxSteps: graph.maxSteps,
          maxVisitsPerNode: graph.maxVisitsPerNode,
        }
      : { id: ctx.workflow.id, name: ctx.workflow.name, version: ctx.workflow.version, crew: ctx.workflow.crew },
    run: { id: ctx.run.id, status: ctx.run.status, ...(ctx.run.error ? { error: snapshot(ctx.run.error) } : {}) },
    outcomes,
    finalValues,
    ...(ctx.reviews?.length ? { reviewsOfYourProposals: ctx.reviews } : {}),
  };
  const content = [
    `Goal:\n${ctx.goal}`,
    graph
      ? "Run context (the workflow's nodes and edges, per-node outcomes and a truncated snapshot of the final values):"
      : "Run context (the workflow's crew, per-step outcomes and a truncated snapshot of the final values):",
    "```json",
    JSON.stringify(context, null, 2),
    "```",
    "Reflect on this run and answer with one agent-reflect block.",
  ].join("\n\n");
  return { system: graph ? GRAPH_SYSTEM : SYSTEM, messages: [{ role: "user", content }] };
}

/** Reads the run context back out of a reflection prompt (used by the local provider). */
export function readReflectionContext(
  content: string,
): { goal: string; crew: CrewMember[] } | { goal: string; graph: Pick<Graph, "nodes" | "edges"> } | null {
  const match = /```json\n([\s\S]*?)\n```/.exec(content);
  if (!match) return null;
  try {
    const parsed = JSON.parse(match[1]!) as {
      goal?: unknown;
      workflow?: { crew?: unknown; nodes?: unknown; edges?: unknown };
    };
    if (typeof parsed.goal !== "string") return null;
    const wf = parsed.workflow;
    if (Array.isArray(wf?.nodes) && Array.isArray(wf.edges)) {
      return { goal: parsed.goal, graph: { nodes: wf.nodes as Graph["nodes"], edges: wf.edges as Graph["edges"] } };
    }
    if (!Array.isArray(wf?.crew)) return null;
    return { goal: parsed.goal, crew: wf.crew as CrewMember[] };
  } catch {
    return null;
  }
}
