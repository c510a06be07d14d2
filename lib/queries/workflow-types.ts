/** Workflow, version and run shapes as the dashboard reads them from /api/v1 (dates are ISO strings). */

export type WorkflowStatus = "active" | "paused";
export type RunStatus = "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled";
export type StepStatus = "pending" | "running" | "waiting" | "completed" | "failed" | "cancelled";

export interface Agent {
  role: string;
  systemPrompt: string;
  /** Overrides the workflow's default model when set. */
  model?: string;
  /** Tools the agent may call: "http_request", "workflow:<id>", "mcp:<server>". */
  tools?: string[];
  /** Credential ids its http_request calls may send. */
  credentials?: string[];
}

/** A typed output field: `str`, `int`, `number`, `bool`, `url`, `list[str]` or `enum[a, b]`. */
export type OutputFieldType = "str" | "int" | "number" | "bool" | "url" | "list[str]" | `enum[${string}]`;

/** Wall-clock minutes and/or spend in USD. */
export interface Budget {
  wall_clock?: number;
  spend?: { usd: number };
}

/** One agent in a graph workflow. */
export interface GraphNode {
  /** A slug, unique in the graph. */
  id: string;
  role: string;
  systemPrompt: string;
  model?: string;
  /** Tools the node may call: "http_request", "workflow:<id>", "mcp:<server>". */
  tools?: string[];
  /** Credential ids its http_request calls may send. */
  credentials?: string[];
  /** An event type's name: the node's typed output is emitted as that event. */
  emits?: string;
  budget?: Budget;
  output?: Record<string, OutputFieldType>;
  /** Waits for every parallel branch that reached it. */
  join?: "all";
  /** Where the graph editor drew the node; absent means "lay it out automatically". */
  position?: { x: number; y: number };
}

/** Where a run may go after `from`: `when` matches the output (or a typed field); no `when` is the default, or a fan-out. */
export interface GraphEdge {
  from: string;
  to: string;
  when?: string | { field: string; equals: string | number | boolean };
}

/** The node id that ends a run. */
export const END = "END";

export interface Graph {
  start: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  maxSteps: number;
  maxVisitsPerNode: number;
  trigger?: { event: string } | { cron: string; timezone: string };
  budget?: Budget;
}

export type WorkflowKind = "crew" | "graph";

export type DiagramFormat = "mermaid" | "dot";

export interface Diagram {
  format: DiagramFormat;
  source: string;
}

export interface Workflow {
  id: string;
  name: string;
  description: string | null;
  model: string;
  status: WorkflowStatus;
  currentVersion: number;
  /** When the graph's cron trigger next starts a run; null without one or while paused. */
  nextTriggerAt?: string | null;
  createdAt: string;
  updatedAt: string;
  /** Absent from servers before graph workflows: read it with workflowKind(). */
  kind?: WorkflowKind;
  /** Null for graph workflows. */
  crew: Agent[] | null;
  /** Always present on current servers (a crew is its chain); read it with workflowGraph(). */
  graph?: Graph;
}

export interface WorkflowListItem extends Workflow {
  lastRun: { id: string; status: RunStatus; createdAt: string } | null;
  runsThisMonth: number;
}

export interface WorkflowVersion {
  id: string;
  workflowId: string;
  version: number;
  kind?: WorkflowKind;
  /** Null for graph versions. */
  crew: Agent[] | null;
  graph?: Graph;
  source: "user" | "restore" | "reflection" | "rollback";
  note: string | null;
  createdById: string | null;
  createdAt: string;
  current: boolean;
}

export interface CrewSaved {
  workflowId: string;
  version: number;
  crew: Agent[];
  created: boolean;
}

export interface StepInput {
  system: string;
  messages: { role: string; content: string }[];
}

export interface RunStep {
  /** Dashboard only: the model's text streamed so far while the step runs (the event stream's deltas). */
  liveOutput?: string;
  id: string;
  index: number;
  role: string;
  model: string;
  status: StepStatus;
  /** Only when asked for (`?include=inputs`); the transcript loads it with useStepInput when opened. */
  input?: StepInput | null;
  /** Characters of the step's input; null until the step starts. */
  inputSize: number | null;
  output: string | null;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** The graph node this step visited (crew steps: `agent-<index+1>`); read with stepNodeId(). */
  nodeId?: string;
  /** 1, 2, … per node: loop iterations. */
  visit?: number;
  /** Inside a parallel fan-out: the id of the branch's first node; null otherwise. */
  branch?: string | null;
  /** The validated typed output, when the node declares `output`. */
  data?: Record<string, unknown> | null;
  /** Tools the agent called, in order; results cut to 2000 characters. */
  toolCalls?: StepToolCall[];
}

export interface StepToolCall {
  index: number;
  name: string;
  arguments: unknown;
  result: string | null;
  /** Characters of the full result (GET …/steps/{stepId}/tool-calls returns it whole). */
  resultSize: number | null;
  error: string | null;
  durationMs: number;
}

export interface RunSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  version: number;
  status: RunStatus;
  input: string;
  output: string | null;
  error: string | null;
  /** "budget_exceeded" when a budget stopped the run, "cap_exceeded" when a graph hit a cap, "no_matching_edge" when an answer took no edge. */
  errorCode?: string | null;
  errorStepIndex: number | null;
  stepCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  triggeredBy: string;
  /** The event that started the run (absent from servers before the event bus). */
  eventId?: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Node ids in visit order (absent from servers before graph workflows). */
  visited?: string[];
}

/** A budget that applies to a run, with the dollars spent against it. */
export interface RunBudgetLimit {
  source: "run" | "workflow" | "node";
  nodeId: string | null;
  wallClockMinutes: number | null;
  spendUsd: number | null;
  usedUsd: number;
}

export interface RunBudget {
  limits: RunBudgetLimit[];
  usedMinutes: number;
  usedUsd: number;
}

export interface Run extends RunSummary {
  /** The budgets that apply and what they used; null when none do. */
  budget?: RunBudget | null;
  totals: {
    steps: number;
    completedSteps: number;
    /** Completed or failed steps, and steps cut short after spending tokens: what the month's usage counts. */
    billedSteps: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
  };
  steps: RunStep[];
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}
