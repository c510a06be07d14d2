/** A graph run's path as the transcript shows it: the visited nodes, parallel lanes and where each step led. */
import { stepBranch, stepNodeId, stepVisit } from "@/lib/queries/workflow-graph";
import { END, type Run, type RunStep } from "@/lib/queries/workflow-types";

/** A crew run (every step `agent-<n>` in order, one visit, no branch) keeps the plain transcript. */
export function isGraphRun(run: Pick<Run, "steps">): boolean {
  return run.steps.some((s, i) => stepNodeId(s) !== `agent-${i + 1}` || stepVisit(s) !== 1 || stepBranch(s) !== null);
}

/**
 * The node ids in the order the transcript numbers them (its steps by index), so parallel branches
 * read in the same order in both; the run's `visited` before any step is recorded.
 */
export function visitedPath(run: Pick<Run, "visited" | "steps">): string[] {
  if (!run.steps.length) return run.visited ?? [];
  return [...run.steps].sort((a, b) => a.index - b.index).map(stepNodeId);
}

export interface PathItem {
  nodeId: string;
  /** 1, 2, … : the how-manieth visit of this node this is. */
  visit: number;
}

/** The breadcrumb: each visited node with its visit number. */
export function pathItems(visited: readonly string[]): PathItem[] {
  const seen = new Map<string, number>();
  return visited.map((nodeId) => {
    const visit = (seen.get(nodeId) ?? 0) + 1;
    seen.set(nodeId, visit);
    return { nodeId, visit };
  });
}

export interface Lane<S = RunStep> {
  /** The id of the branch's first node. */
  branch: string;
  steps: S[];
}

export type Segment<S = RunStep> = { kind: "step"; step: S } | { kind: "parallel"; lanes: Lane<S>[] };

/** Steps in order, consecutive steps inside a fan-out gathered into one lane per branch. */
export function pathSegments<S extends Pick<RunStep, "branch">>(steps: readonly S[]): Segment<S>[] {
  const segments: Segment<S>[] = [];
  for (const step of steps) {
    const branch = stepBranch(step);
    if (branch === null) {
      segments.push({ kind: "step", step });
      continue;
    }
    let last = segments.at(-1);
    if (last?.kind !== "parallel") {
      last = { kind: "parallel", lanes: [] };
      segments.push(last);
    }
    const lane = last.lanes.find((l) => l.branch === branch);
    if (lane) lane.steps.push(step);
    else last.lanes.push({ branch, steps: [step] });
  }
  return segments;
}

/**
 * Where each step outside a fan-out led: the next node, the branches it fanned out to, or END
 * for the last step of a completed run. Steps inside lanes are left out (their lane shows it).
 */
export function nextNodes(run: Pick<Run, "steps" | "status">): Map<string, string[]> {
  const next = new Map<string, string[]>();
  const segments = pathSegments(run.steps);
  segments.forEach((segment, i) => {
    if (segment.kind !== "step") return;
    const after = segments[i + 1];
    if (!after) {
      if (run.status === "completed") next.set(segment.step.id, [END]);
    } else if (after.kind === "step") next.set(segment.step.id, [stepNodeId(after.step)]);
    else
      next.set(
        segment.step.id,
        after.lanes.map((l) => l.branch),
      );
  });
  return next;
}

/** How many times each node was visited in the run. */
export function visitCounts(steps: readonly RunStep[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of steps) counts.set(stepNodeId(s), Math.max(counts.get(stepNodeId(s)) ?? 0, stepVisit(s)));
  return counts;
}

/** A typed output's value as one line of text: strings as they are, lists joined, the rest as JSON. */
export function formatDataValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(", ");
  return JSON.stringify(value) ?? String(value);
}
