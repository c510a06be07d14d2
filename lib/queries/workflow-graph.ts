/**
 * Reading the graph fields of workflows, versions and runs. Servers and rows from before graph
 * workflows do not send them; these give the value such a server means (a crew is its chain).
 */
import { END, type Agent, type Graph, type RunStep, type Workflow, type WorkflowKind } from "./workflow-types";

type HasGraph = Pick<Workflow, "kind" | "crew" | "graph">;

export function workflowKind(w: Pick<Workflow, "kind">): WorkflowKind {
  return w.kind ?? "crew";
}

/** A crew as the chain the server would send: `agent-1` → `agent-2` → … → END. */
export function crewGraph(crew: readonly Agent[]): Graph {
  const nodes = crew.map((a, i) => ({ id: `agent-${i + 1}`, ...a }));
  return {
    start: nodes[0]?.id ?? END,
    nodes,
    edges: nodes.map((n, i) => ({ from: n.id, to: nodes[i + 1]?.id ?? END })),
    maxSteps: 50,
    maxVisitsPerNode: 5,
  };
}

export function workflowGraph(w: HasGraph): Graph {
  return w.graph ?? crewGraph(w.crew ?? []);
}

/** The crew of a crew workflow; empty for a graph workflow. */
export function workflowCrew(w: Pick<Workflow, "crew">): Agent[] {
  return w.crew ?? [];
}

/** "planner → writer" for a crew; the nodes' roles in graph order for a graph. */
export function rolesLabel(w: HasGraph): string {
  return workflowGraph(w)
    .nodes.map((n) => n.role)
    .join(workflowKind(w) === "graph" ? ", " : " → ");
}

export function stepNodeId(step: Pick<RunStep, "nodeId" | "index">): string {
  return step.nodeId ?? `agent-${step.index + 1}`;
}

export function stepVisit(step: Pick<RunStep, "visit">): number {
  return step.visit ?? 1;
}

export function stepBranch(step: Pick<RunStep, "branch">): string | null {
  return step.branch ?? null;
}

/** "3 agents" for a crew, "4 nodes" for a graph. */
export function sizeLabel(w: HasGraph): string {
  const n = workflowGraph(w).nodes.length;
  return workflowKind(w) === "graph" ? `${n} ${n === 1 ? "node" : "nodes"}` : `${n} ${n === 1 ? "agent" : "agents"}`;
}
