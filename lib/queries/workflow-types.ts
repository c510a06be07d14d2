/** Workflow, version and run shapes as the dashboard reads them from /api/v1 (dates are ISO strings). */

export type WorkflowStatus = "active" | "paused";
export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export type StepStatus = "pending" | "running" | "completed" | "failed" | "cancelled";

export interface Agent {
  role: string;
  systemPrompt: string;
  /** Overrides the workflow's default model when set. */
  model?: string;
}

export interface Workflow {
  id: string;
  name: string;
  description: string | null;
  model: string;
  status: WorkflowStatus;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  crew: Agent[];
}

export interface WorkflowListItem extends Workflow {
  lastRun: { id: string; status: RunStatus; createdAt: string } | null;
  runsThisMonth: number;
}

export interface WorkflowVersion {
  id: string;
  workflowId: string;
  version: number;
  crew: Agent[];
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
  errorStepIndex: number | null;
  stepCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  triggeredBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface Run extends RunSummary {
  totals: { steps: number; completedSteps: number; inputTokens: number; outputTokens: number; costUsd: number };
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
