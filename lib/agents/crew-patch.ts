import { crewSchema, type AgentInput } from "@/lib/workflows/schemas";

/** One crew member `{ role, systemPrompt, model? }`, as the workflows API defines it. */
export type CrewMember = AgentInput;

export type PatchCheck = { ok: true; crew: CrewMember[] } | { ok: false; problem: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A reflection patch is a complete replacement, never a diff. For a crew it is
 * `{ "agents": [...] }` (or `{ "crew": [...] }`), 1–10 members of
 * `{ role, systemPrompt, model? }`. A graph patch `{ nodes, edges }` is checked
 * by the graph rules (non-empty nodes, an edges array); crew workflows cannot
 * take a graph, so even a well-formed one is not applied to them.
 */
export function checkPatch(patch: unknown): PatchCheck {
  if (!isRecord(patch)) return { ok: false, problem: "the patch is missing or not an object" };
  if ("nodes" in patch || "edges" in patch) {
    if (!Array.isArray(patch.nodes) || patch.nodes.length === 0) {
      return { ok: false, problem: "the graph patch has no nodes" };
    }
    if (!Array.isArray(patch.edges)) return { ok: false, problem: "the graph patch has no edges" };
    return { ok: false, problem: "a graph patch cannot replace a crew workflow" };
  }
  const members = patch.agents ?? patch.crew;
  if (!Array.isArray(members) || members.length === 0) {
    return { ok: false, problem: "the patch has no agents" };
  }
  const parsed = crewSchema.safeParse(members);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `agents.${issue.path.join(".")}` : "agents";
    return { ok: false, problem: `the patch is malformed at ${where}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, crew: parsed.data };
}
