/**
 * A graph run read onto its graph: which nodes it visited (how often, in which branch, which one
 * failed and why) and which edges it took, numbered by the step each led to.
 */
import { overlayEdgeKey } from "@/components/workflows/diagram-overlay";
import { stepBranch, stepNodeId } from "@/lib/queries/workflow-graph";
import { END, type Graph, type Run, type RunStep } from "@/lib/queries/workflow-types";
import { pathSegments } from "./run-path";

/** What the diagram needs of a step (a running step's streamed text is left out, so it stays cheap). */
export type PathStep = Pick<RunStep, "id" | "index" | "role" | "status" | "nodeId" | "visit" | "branch">;
type PathRun = Pick<Run, "status" | "error" | "errorStepIndex"> & { steps: PathStep[] };

export type NodeRunStatus = "visited" | "running" | "failed" | "unvisited";

export interface NodeRunState {
  status: NodeRunStatus;
  /** The node's steps, in order. */
  steps: PathStep[];
  /** Ran inside a parallel fan-out. */
  parallel: boolean;
  /** Why the run failed here. */
  error: string | null;
}

export interface TakenEdge {
  from: string;
  to: string;
  /** Step numbers (index + 1) this edge led to, in order; empty for an edge to END. */
  steps: number[];
}

export interface RunGraph {
  nodes: Map<string, NodeRunState>;
  /** Keyed by `from → to` (edgeKey). */
  edges: Map<string, TakenEdge>;
  failedNode: string | null;
}

export const edgeKey = overlayEdgeKey;

/** The node a failed run stopped at: its failing step's, else the node a walk error names (`Node "b" hit the cap …`). */
export function failedNodeOf(run: PathRun): string | null {
  if (run.status !== "failed") return null;
  const step =
    (run.errorStepIndex !== null ? run.steps.find((s) => s.index === run.errorStepIndex) : undefined) ??
    run.steps.find((s) => s.status === "failed");
  if (step) return stepNodeId(step);
  return /Node "([^"]+)"/.exec(run.error ?? "")?.[1] ?? null;
}

/**
 * For each step, the steps it came from: the step before it, each lane's first step from the
 * step before the fan-out, a join from the last step of each lane. Only pairs the graph has an
 * edge for count; a step none of those lead to takes the latest earlier step that does.
 */
function predecessors(graph: Graph, steps: readonly PathStep[]): Map<PathStep, PathStep[]> {
  const hasEdge = new Set(graph.edges.map((e) => edgeKey(e.from, e.to)));
  const linked = (a: PathStep, b: PathStep) => hasEdge.has(edgeKey(stepNodeId(a), stepNodeId(b)));
  const out = new Map<PathStep, PathStep[]>();
  const connect = (candidates: PathStep[], step: PathStep) => {
    let from = candidates.filter((c) => linked(c, step));
    if (!from.length) {
      const earlier = steps.filter((s) => s.index < step.index && linked(s, step)).at(-1);
      from = earlier ? [earlier] : [];
    }
    out.set(step, from);
  };
  let prev: PathStep[] = [];
  for (const segment of pathSegments(steps)) {
    if (segment.kind === "step") {
      connect(prev, segment.step);
      prev = [segment.step];
      continue;
    }
    const lastOfLanes: PathStep[] = [];
    for (const lane of segment.lanes) {
      let before = prev;
      for (const step of lane.steps) {
        connect(before, step);
        before = [step];
      }
      lastOfLanes.push(lane.steps.at(-1)!);
    }
    prev = lastOfLanes;
  }
  return out;
}

export function runGraph(graph: Graph, run: PathRun): RunGraph {
  const failedNode = failedNodeOf(run);
  const nodes = new Map<string, NodeRunState>();
  for (const node of graph.nodes) {
    const steps = run.steps.filter((s) => stepNodeId(s) === node.id);
    const failed = node.id === failedNode;
    nodes.set(node.id, {
      status: failed
        ? "failed"
        : steps.some((s) => s.status === "running")
          ? "running"
          : steps.length
            ? "visited"
            : "unvisited",
      steps,
      parallel: steps.some((s) => stepBranch(s) !== null),
      error: failed ? run.error : null,
    });
  }

  const edges = new Map<string, TakenEdge>();
  const take = (from: string, to: string, step: number | null) => {
    const key = edgeKey(from, to);
    const edge = edges.get(key) ?? { from, to, steps: [] };
    if (step !== null) edge.steps.push(step);
    edges.set(key, edge);
  };
  const preds = predecessors(graph, run.steps);
  const led = new Set<PathStep>();
  for (const step of run.steps) {
    for (const p of preds.get(step) ?? []) {
      take(stepNodeId(p), stepNodeId(step), step.index + 1);
      led.add(p);
    }
  }
  // A completed run's steps that led nowhere else ended there.
  if (run.status === "completed") {
    const toEnd = new Set(graph.edges.filter((e) => e.to === END).map((e) => e.from));
    for (const step of run.steps) {
      if (step.status === "completed" && !led.has(step) && toEnd.has(stepNodeId(step)))
        take(stepNodeId(step), END, null);
    }
  }
  return { nodes, edges, failedNode };
}
