import { graphSchema } from "@/lib/workflows/graph/schemas";
import type { Graph } from "@/lib/workflows/graph/types";

export type GraphPatchCheck = { ok: true; graph: Graph } | { ok: false; problem: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A reflection patch for a graph workflow: a complete graph `{ nodes, edges }`
 * (start = the first node unless given; the current caps, trigger and budget unless given),
 * checked like a saved graph. Missing or empty `nodes`, missing `edges`, a
 * crew patch, or a graph that fails a check is refused with the reason.
 */
export function checkGraphPatch(patch: unknown, current: Graph): GraphPatchCheck {
  if (!isRecord(patch)) return { ok: false, problem: "the patch is missing or not an object" };
  if (!Array.isArray(patch.nodes) || patch.nodes.length === 0) {
    if ("agents" in patch || "crew" in patch)
      return { ok: false, problem: "a crew patch cannot replace a graph workflow" };
    return { ok: false, problem: "the graph patch has no nodes" };
  }
  if (!Array.isArray(patch.edges)) return { ok: false, problem: "the graph patch has no edges" };
  const first = isRecord(patch.nodes[0]) ? patch.nodes[0].id : undefined;
  const parsed = graphSchema.safeParse({
    start: patch.start ?? first,
    nodes: patch.nodes,
    edges: patch.edges,
    maxSteps: patch.maxSteps ?? current.maxSteps,
    maxVisitsPerNode: patch.maxVisitsPerNode ?? current.maxVisitsPerNode,
    // Left out, the workflow keeps its trigger and budget (a reflection may not change the one nor raise the other).
    trigger: patch.trigger ?? current.trigger,
    budget: patch.budget ?? current.budget,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "graph";
    return { ok: false, problem: `the graph patch is malformed at ${where}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, graph: parsed.data };
}
