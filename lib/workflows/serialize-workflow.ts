import { modelRefOf } from "@/lib/models/model-ref";
import { crewGraph } from "./graph/crew-graph";
import { storedGraph } from "./graph/stored-graph";
import type { Graph } from "./graph/types";
import { storedCrewSchema, type Crew } from "./schemas";

/** Workflow columns the API returns. */
export const workflowSelect = {
  id: true,
  name: true,
  description: true,
  model: true,
  status: true,
  currentVersion: true,
  nextTriggerAt: true,
  createdBy: true,
  chatId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface WorkflowRow {
  id: string;
  name: string;
  description: string | null;
  model: string;
  status: "active" | "paused";
  currentVersion: number;
  /** The next slot of the graph's cron trigger; null without one or while paused. */
  nextTriggerAt: Date | null;
  /** A person (or token), or Loopi from the chat `chatId`. */
  createdBy: "user" | "assistant" | "loopi";
  chatId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A crew as stored in a version's JSON column. */
export function storedCrew(json: unknown): Crew {
  return storedCrewSchema.parse(json);
}

/** What a version holds: a crew (and the chain graph it is) or a graph (crew null). */
export interface VersionContent {
  kind: "crew" | "graph";
  crew: Crew | null;
  graph: Graph;
}

/** A version's stored columns read as its content; a crew's tone is its chain graph's. */
export function versionContent(columns: {
  crew: unknown;
  graph?: unknown;
  responseTone?: string | null;
}): VersionContent {
  const graph = storedGraph(columns.graph);
  if (graph) return { kind: "graph", crew: null, graph };
  const crew = storedCrew(columns.crew);
  return { kind: "crew", crew, graph: crewGraph(crew, columns.responseTone) };
}

/** A version's content as responses show it: every model as the object. */
export function contentWithModelRefs(content: VersionContent) {
  return {
    kind: content.kind,
    crew: content.crew?.map((a) => ({ ...a, model: a.model === undefined ? undefined : modelRefOf(a.model) })) ?? null,
    graph: {
      ...content.graph,
      nodes: content.graph.nodes.map((n) => ({ ...n, model: n.model === undefined ? undefined : modelRefOf(n.model) })),
    },
  };
}

export function serializeWorkflow(row: WorkflowRow, content: VersionContent) {
  return { ...row, model: modelRefOf(row.model), ...contentWithModelRefs(content) };
}
export type WorkflowDto = ReturnType<typeof serializeWorkflow>;
