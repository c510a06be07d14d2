import type { Crew } from "../schemas";
import { DEFAULT_MAX_STEPS, DEFAULT_MAX_VISITS_PER_NODE } from "./schemas";
import { END, type Graph } from "./types";

/** A crew as the chain graph it is: agent-1 → agent-2 → … → END. */
export function crewGraph(crew: Crew, responseTone?: string | null): Graph {
  const nodes = crew.map((a, i) => ({
    id: `agent-${i + 1}`,
    role: a.role,
    systemPrompt: a.systemPrompt,
    ...(a.model ? { model: a.model } : {}),
    ...(a.responseTone ? { responseTone: a.responseTone } : {}),
  }));
  return {
    start: nodes[0]?.id ?? "agent-1",
    nodes,
    edges: nodes.map((n, i) => ({ from: n.id, to: nodes[i + 1]?.id ?? END })),
    maxSteps: Math.max(DEFAULT_MAX_STEPS, nodes.length),
    maxVisitsPerNode: DEFAULT_MAX_VISITS_PER_NODE,
    ...(responseTone ? { responseTone } : {}),
  };
}
