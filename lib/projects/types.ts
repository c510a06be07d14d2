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
  /** A warning push refuses until it is fixed (a tool the registry does not declare). */
  refusesPush?: boolean;
}

/** A tool declared in the registry's `tools:` section, which agents and steps list by name. */
export type ProjectTool = { name: string; description: string | null } & (
  | { kind: "mcp"; server: string; tool: string }
  | { kind: "workflow"; workflow: string }
  | {
      kind: "http";
      method: "GET" | "POST" | "PUT" | "DELETE";
      /** Templates: `{{ <param> }}` of the declared params. */
      url: string;
      headers: Record<string, string>;
      body: string | null;
      /** The workspace credential sent as a bearer token, bound to the URL's host. */
      credential: string | null;
      params: Record<string, string>;
    }
);

/** A `skills/<name>/` folder: SKILL.md's front matter and body, and the folder's files. */
export interface ProjectSkill {
  name: string;
  description: string;
  body: string;
  /** Every file of the folder, SKILL.md included, path (from the project root) → content. */
  files: ProjectFiles;
}

/** A sandbox declared in the registry: where an agent's code runs. */
export interface ProjectSandbox {
  name: string;
  provider: "daytona";
  image: { debian_slim?: string; apt?: string[] } | string;
  /** Hosts the sandbox may reach; empty: none. */
  network: string[];
  /** One sandbox per run, or one per workflow kept between its runs. */
  reuse: "run" | "workflow";
}

/** A `sensors/<name>.yml`: a webhook our server hosts, or a URL polled on a schedule. */
export type ProjectSensor = {
  name: string;
  file: string;
  /** The file as written. */
  content: string;
  emits: string;
  /** Event field → template over the payload (`{{ payload.<path> }}`). */
  map: Record<string, string>;
} & (
  | { kind: "webhook"; path: string; verify: "sentry" | "linear" | "github" | "none"; secret: string | null }
  | { kind: "poll"; url: string | null; mcp: string | null; schedule: string; credential: string | null }
);

/** What a workflow version's nodes need from the project beyond the graph, pinned with the version. */
export interface WorkflowContext {
  tools: ProjectTool[];
  skills: ProjectSkill[];
  sandboxes: ProjectSandbox[];
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
  /** The declared tools, skills and sandboxes its nodes use. */
  context: WorkflowContext;
}

export interface CompiledProject {
  workflows: CompiledWorkflow[];
  events: ProjectEvent[];
  tools: ProjectTool[];
  skills: ProjectSkill[];
  sandboxes: ProjectSandbox[];
  sensors: ProjectSensor[];
  /** The project's files beyond registry.yml and the step files (skills/, sensors/), kept as written. */
  extraFiles: ProjectFiles;
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
      /** What compiles but needs attention: undeclared tools, providers not configured. */
      warnings: CompileError[];
      /** The line of each declared tool in registry.yml. */
      toolLines: Record<string, number>;
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

/** Sandbox providers this server (or this command line) has configured. */
export interface CompileOptions {
  sandboxProviders?: readonly string[];
}

export const MAX_SKILL_CHARS = 200_000;
export const MAX_PROJECT_SKILLS_CHARS = 1_000_000;
export const MAX_SKILLS = 50;
export const MAX_TOOL_DECLARATIONS = 100;
export const MAX_SENSORS = 50;
/** Sandboxes a project's registry may declare: each run may create one of each. */
export const MAX_SANDBOXES = 5;
