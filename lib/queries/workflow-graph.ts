/** Reading the graph fields of workflows, versions and runs, and their models as text and labels. */
import type { Graph as EditableGraph } from "@/lib/graph/types";
import { encodeModelRef, modelLabel, toModelRef, type ModelRef } from "@/lib/models/model-ref";
import { END, type Agent, type Graph, type RunStep, type Workflow, type WorkflowKind } from "./workflow-types";

type HasGraph = Pick<Workflow, "kind" | "graph">;

export function workflowKind(w: Pick<Workflow, "kind">): WorkflowKind {
  return w.kind;
}

/** A crew as the chain the server sends with it: `agent-1` → `agent-2` → … → END. */
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

/** The graph of a workflow or version: a graph workflow's, or a crew's chain (`agent-1` → … → END). */
export function workflowGraph(w: Pick<Workflow, "graph">): Graph {
  return w.graph;
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

export function stepNodeId(step: Pick<RunStep, "nodeId">): string {
  return step.nodeId;
}

export function stepVisit(step: Pick<RunStep, "visit">): number {
  return step.visit;
}

export function stepBranch(step: Pick<RunStep, "branch">): string | null {
  return step.branch;
}

/** "3 agents" for a crew, "4 nodes" for a graph. */
export function sizeLabel(w: HasGraph): string {
  const n = workflowGraph(w).nodes.length;
  return workflowKind(w) === "graph" ? `${n} ${n === 1 ? "node" : "nodes"}` : `${n} ${n === 1 ? "agent" : "agents"}`;
}

/** A served model (the object) as the text its field edits: the id when that says it all, else the object's JSON. */
export function modelText(ref: ModelRef): string {
  return encodeModelRef(ref);
}

/** A model as a short label: `gpt-4o · own key` rather than its object's JSON. */
export function modelDisplay(ref: ModelRef): string {
  const extras = [ref.credentialId ? "own key" : null, ref.baseUrl ? ref.baseUrl : null].filter(Boolean);
  return [modelLabel(ref), ...extras].join(" · ");
}

/** A served graph as the editor edits it: each node's model as its text. */
export function editableGraph(graph: Graph): EditableGraph {
  return {
    ...graph,
    nodes: graph.nodes.map(({ model, ...node }) => (model ? { ...node, model: modelText(model) } : node)),
  };
}

/** An edited graph as the diagram draws a served one: each node's model text read as the object. */
export function servedGraph(graph: EditableGraph): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map(({ model, ...node }) => (model ? { ...node, model: toModelRef(model) } : node)),
  };
}
