/*
 * Workflow, version and run shapes as the dashboard reads them from /api/v1, read off the API's
 * own response schemas (dates are ISO strings), so the two cannot drift.
 */
import type { z } from "zod";
import type { budgetSchema } from "@/lib/graph/budget";
import type { pageOf } from "@/lib/http/openapi-schemas";
import type { graphWithModelRefsSchema } from "@/lib/graph/schemas";
import type {
  agentInputSchema,
  runBudgetSchema,
  runResponseSchema,
  runSummarySchema,
  stepResponseSchema,
  stepStatusSchema,
  toolCallSummarySchema,
} from "@/lib/runs/response-schemas";
import type {
  crewAgentResponseSchema,
  crewResponseSchema,
  diagramResponseSchema,
  graphVersionResponseSchema,
  versionResponseSchema,
  workflowListItemSchema,
  workflowResponseSchema,
  workflowStatusSchema,
} from "@/lib/workflows/response-schemas";
import { isTerminalRunStatus, type RunStatus } from "@/lib/workflows/run-status";

export type { RunStatus } from "@/lib/workflows/run-status";
export type { ModelRef } from "@/lib/models/model-ref";
export { END } from "@/lib/graph/types";

export type WorkflowStatus = z.output<typeof workflowStatusSchema>;
export type StepStatus = z.output<typeof stepStatusSchema>;

/** A crew's agent as served: its own model, when it has one, as the object. */
export type Agent = z.output<typeof crewAgentResponseSchema>;
/** A crew's agent as PUT …/crew takes it: its model as the text its field edits (the id, or the object's JSON). */
export type CrewAgentBody = Omit<Agent, "model"> & { model?: string };
export type Budget = z.output<typeof budgetSchema>;

/** A graph as served: each node's model, when it has one, as the object. */
export type Graph = z.output<typeof graphWithModelRefsSchema>;
export type GraphNode = Graph["nodes"][number];
export type GraphEdge = Graph["edges"][number];

export type Workflow = z.output<typeof workflowResponseSchema>;
export type WorkflowKind = Workflow["kind"];
export type WorkflowListItem = z.output<typeof workflowListItemSchema>;
export type WorkflowVersion = z.output<typeof versionResponseSchema>;
/** PUT …/crew and POST …/versions/{version}/restore. */
export type CrewSaved = z.output<typeof crewResponseSchema>;
/** PUT …/graph. */
export type GraphSaved = z.output<typeof graphVersionResponseSchema>;

export type Diagram = z.output<typeof diagramResponseSchema>;
export type DiagramFormat = Diagram["format"];

export type StepInput = z.output<typeof agentInputSchema>;
export type StepToolCall = z.output<typeof toolCallSummarySchema>;

/** A step as served, with what the dashboard adds while it runs. */
export type RunStep = z.output<typeof stepResponseSchema> & {
  /** Dashboard only: the model's text streamed so far while the step runs (the event stream's deltas). */
  liveOutput?: string;
};

export type RunSummary = z.output<typeof runSummarySchema>;
export type RunBudget = z.output<typeof runBudgetSchema>;
export type RunBudgetLimit = RunBudget["limits"][number];
export type Run = Omit<z.output<typeof runResponseSchema>, "steps"> & { steps: RunStep[] };

/** A page of a cursor-paginated list (`pageOf` on the server). */
export type Page<T> = Omit<z.output<ReturnType<typeof pageOf>>, "data"> & { data: T[] };

export function isTerminal(status: RunStatus): boolean {
  return isTerminalRunStatus(status);
}
