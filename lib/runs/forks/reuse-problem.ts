import { isDeepStrictEqual } from "node:util";
import { nextNodes } from "@/lib/workflows/graph/next-nodes";
import type { Graph } from "@/lib/workflows/graph/types";

/** A reused step as the check needs it: where it ran and what it answered. */
export interface ReusedStep {
  index: number;
  nodeId: string | null;
  output: string | null;
  data: unknown;
}

/** One version's content: a graph, or a crew's agents in order. */
export type VersionShape = { graph: Graph } | { crew: readonly unknown[] };

/**
 * Why the steps before a fork's `fromStep` cannot be reused on another
 * version of the workflow, or null when they can: each reused step's node
 * must still exist there with the same definition and, on a graph, be where
 * the new version's edges lead from the steps before it with their recorded
 * answers (the fork's walk replays them on the new graph).
 */
export function reuseProblem(from: VersionShape, to: VersionShape, reused: readonly ReusedStep[]): string | null {
  if ("crew" in from || "crew" in to) {
    if (!("crew" in from) || !("crew" in to)) return "the workflow changed between a crew and a graph since the run";
    for (const step of reused) {
      if (!isDeepStrictEqual(from.crew[step.index], to.crew[step.index])) {
        const at = step.index + 1;
        return to.crew[step.index] === undefined
          ? `the current version has no agent-${at}, which step ${step.index} ran`
          : `agent-${at} (step ${step.index}) changed in the current version; fork from step ${step.index} or before`;
      }
    }
    return null;
  }
  const before = new Map(from.graph.nodes.map((n) => [n.id, n]));
  const after = new Map(to.graph.nodes.map((n) => [n.id, n]));
  // Where the new graph's edges lead from the reused steps: each later reused step must be one of those.
  const expected: string[] = [to.graph.start];
  for (const step of [...reused].sort((a, b) => a.index - b.index)) {
    const nodeId = step.nodeId ?? "";
    const now = after.get(nodeId);
    if (!now) return `the current version has no node "${nodeId}", which step ${step.index} ran`;
    if (!isDeepStrictEqual(before.get(nodeId), now)) {
      return `node "${nodeId}" (step ${step.index}) changed in the current version; fork from step ${step.index} or before`;
    }
    const at = expected.indexOf(nodeId);
    if (at < 0) {
      return `the current version's edges no longer lead to node "${nodeId}" at step ${step.index}; fork from step ${step.index} or before`;
    }
    expected.splice(at, 1);
    const data = step.data && typeof step.data === "object" ? (step.data as Record<string, unknown>) : undefined;
    const route = nextNodes(to.graph, nodeId, step.output ?? "", data);
    if ("targets" in route) expected.push(...route.targets);
  }
  return null;
}
