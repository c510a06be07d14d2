import type { EventFields } from "@/lib/events/field-types";
import type { Graph } from "@/lib/workflows/graph/types";
import { DEFAULT_MAX_STEPS, DEFAULT_MAX_VISITS_PER_NODE } from "@/lib/workflows/graph/limits";

/* Pure: shared by the compiler, the formatter, the import/export routes and the command line. */

/** A project as files: path (`registry.yml`, `workflows/<name>/<step>.md`) → content. */
export type ProjectFiles = Record<string, string>;

/** One compile error, at a file and a 1-based line. */
export interface CompileError {
  file: string;
  line: number;
  /** The 1-based column, where the error is at a character (YAML syntax). */
  column?: number;
  message: string;
}

export interface ProjectEvent {
  name: string;
  fields: EventFields;
  description: string | null;
}

export interface CompiledWorkflow {
  /** The directory under workflows/. */
  dir: string;
  /** The workflow's name: registry `workflows.<dir>.name`, else the directory. */
  name: string;
  description: string | null;
  /** The default model of nodes that name none. */
  model: string;
  graph: Graph;
  /** The workflow's step files, path → content. */
  files: ProjectFiles;
}

export interface CompiledProject {
  workflows: CompiledWorkflow[];
  events: ProjectEvent[];
  stats: { workflows: number; steps: number; events: number };
}

/** Where each graph field came from, so later checks can name a file and line. */
export interface WorkflowSourceMap {
  /** Per node id: its file, the line of each header key and of the body's first line. */
  nodes: Record<string, { file: string; keys: Record<string, number>; bodyLine: number; content: string }>;
  registryLine: number;
  /** The registry line of each workflow setting the graph takes (budget, maxSteps, maxVisitsPerNode). */
  registryKeys?: Record<string, number>;
}

export type CompileResult =
  | {
      ok: true;
      project: CompiledProject;
      sources: Record<string, WorkflowSourceMap>;
      /** The line of each event's entry in registry.yml. */
      eventLines: Record<string, number>;
    }
  | { ok: false; errors: CompileError[] };

export const REGISTRY_FILE = "registry.yml";
/** The model of a workflow when neither its registry entry nor `defaults.agent.model` names one (the API's default). */
export const DEFAULT_PROJECT_MODEL = "claude-sonnet-4-6";
/** The API's defaults for a graph's caps. */
export const DEFAULT_GRAPH_CAPS = {
  maxSteps: DEFAULT_MAX_STEPS,
  maxVisitsPerNode: DEFAULT_MAX_VISITS_PER_NODE,
} as const;
