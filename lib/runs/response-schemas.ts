import { z } from "zod";
import { dateTimeSchema } from "@/lib/http/openapi-schemas";
import { runStatusSchema } from "@/lib/workflows/run-status";
import { stepApprovalSchema } from "./approvals/approval-schemas";
import { runSweepSchema } from "./run-sweep-schema";
import { waitingForSchema } from "./waiting-for-schema";

export { stepApprovalSchema, type StepApproval } from "./approvals/approval-schemas";

export { runStatusSchema };

/*
 * What the run endpoints return (documented in the OpenAPI document and checked by tests). No
 * server code: the browser reads its types from here.
 */

export const stepStatusSchema = z
  .enum(["pending", "running", "waiting", "completed", "failed", "cancelled"])
  .describe('"waiting": an approval step waiting for its answer.');

export const agentInputSchema = z
  .strictObject({
    system: z.string(),
    messages: z.array(z.strictObject({ role: z.string(), content: z.string() })),
  })
  .meta({ id: "StepInput", description: "The exact input an agent saw: its system prompt and messages." });

export const toolCallResponseSchema = z.strictObject({
  index: z.number().int().describe("1, 2, … within the step."),
  name: z.string(),
  arguments: z.unknown().describe("The input the model gave the tool."),
  result: z.string().nullable(),
  error: z.string().nullable().describe("Why the call was refused or failed; the model saw it as the result."),
  durationMs: z.number().int(),
});

export const stepToolCallsResponseSchema = z
  .strictObject({ id: z.string(), index: z.number().int(), toolCalls: z.array(toolCallResponseSchema) })
  .meta({ id: "StepToolCalls", description: "A step's tool calls with their full results." });

/** A tool call as a step shows it: its result cut to its first 2000 characters, with the full length. */
export const toolCallSummarySchema = toolCallResponseSchema.extend({
  resultSize: z.number().int().nullable().describe("Characters of the full result."),
});

export const stepResponseSchema = z
  .strictObject({
    id: z.string(),
    index: z.number().int(),
    role: z.string(),
    model: z.string().describe("The agent's model, or the workflow's default."),
    nodeId: z.string().describe("The graph node this step visited (crew agents: agent-1 … agent-n)."),
    visit: z.number().int().describe("1, 2, … per node within the run."),
    branch: z.string().nullable().describe("Inside a parallel fan-out: the id of the branch's first node."),
    data: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        "The validated typed output, when the node declares `output`; on an approval step, the answer: " +
          "{ decision, comment, data, decidedBy, decidedAt }.",
      ),
    status: stepStatusSchema,
    reused: z
      .boolean()
      .describe("Copied from the run this fork was forked from: not run again, its tokens and cost billed there."),
    approval: stepApprovalSchema
      .nullable()
      .describe("On an approval step: what it asks, who may answer and its timeout; null on other steps."),
    input: agentInputSchema
      .nullable()
      .optional()
      .describe(
        "Only with `?include=inputs`: the exact input the agent saw (as sent to the model); null until the step starts.",
      ),
    inputSize: z
      .number()
      .int()
      .nullable()
      .describe(
        "Characters of the step's input (system prompt and messages); null until the step starts. " +
          "The input itself comes with `?include=inputs` or from `GET /api/v1/runs/{id}/steps/{stepId}/input`.",
      ),
    output: z.string().nullable(),
    error: z.string().nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number(),
    attempts: z.number().int(),
    interruptions: z
      .number()
      .int()
      .describe(
        "Model calls of this step that were in flight when their server stopped; each was made again and counts in " +
          "`attempts`. The provider may have billed the lost call.",
      ),
    startedAt: dateTimeSchema.nullable(),
    finishedAt: dateTimeSchema.nullable(),
    durationMs: z.number().int().nullable(),
    agent: z
      .strictObject({
        skills: z.array(z.string()).describe("Skills the node may load with load_skill."),
        sandbox: z.string().nullable().describe("The project sandbox the node's code runs in."),
        runtime: z.enum(["claude-code"]).nullable(),
        ranAs: z
          .string()
          .nullable()
          .describe(
            "How the requested runtime ran, when it is not what was asked for (claude-code without a sandbox provider).",
          ),
      })
      .optional()
      .describe(
        "What a node from a project's registry brings: its skills, sandbox and harness runtime. Absent when none.",
      ),
    toolCalls: z
      .array(toolCallSummarySchema)
      .optional()
      .describe(
        "Tools the agent called in this step, in order; each result is cut to its first 2000 characters " +
          "(`GET /api/v1/runs/{id}/steps/{stepId}/tool-calls` returns them whole).",
      ),
  })
  .meta({ id: "Step" });

const runFields = {
  id: z.string(),
  workflowId: z.string(),
  workflowName: z.string(),
  workflowVersionId: z.string(),
  version: z.number().int().describe("The crew version this run executes."),
  status: runStatusSchema,
  waitingFor: waitingForSchema
    .nullable()
    .describe(
      "Why a queued, running or waiting run is where it is: an approval step's answer (status \"waiting\"), and in GET /api/v1/runs/{id} the engine, a slot, a provider's rate limit, a retry or the working step.",
    ),
  sweeps: z
    .array(runSweepSchema)
    .describe(
      "What the server's sweep did on finding the run stuck (no heartbeat): requeued or failed, when and why; oldest first, the last 20.",
    ),
  forkedFrom: z.string().nullable().describe("A fork: the run it was forked from."),
  forkedAtStep: z
    .number()
    .int()
    .nullable()
    .describe("A fork: the index of the first step it ran again; the steps before it are reused."),
  input: z.string(),
  output: z.string().nullable().describe("The last agent's output once completed."),
  error: z
    .string()
    .nullable()
    .describe(
      "On failure: which step (index and role) and why; for a budget, the budget, its limit and the amount reached.",
    ),
  errorCode: z
    .string()
    .nullable()
    .describe(
      'On failure, a code to match: "budget_exceeded" when a budget stopped the run, "cap_exceeded" when a graph run hit maxSteps or maxVisitsPerNode, "no_matching_edge" when a node answered something none of its edges takes and it had no default edge; null otherwise.',
    ),
  errorStepIndex: z.number().int().nullable(),
  stepCount: z
    .number()
    .int()
    .describe("Steps of a crew run; for a graph run, its maxSteps while it runs, then the visits it made."),
  visited: z.array(z.string()).describe("Node ids in visit order."),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
  triggeredBy: z.enum(["user", "token", "agent", "event", "schedule"]),
  agentId: z.string().nullable(),
  eventId: z.string().nullable().describe("The event that started the run (`triggeredBy: event`)."),
  cancelRequestedAt: dateTimeSchema.nullable(),
  createdAt: dateTimeSchema,
  startedAt: dateTimeSchema.nullable(),
  finishedAt: dateTimeSchema.nullable(),
  durationMs: z.number().int().nullable(),
};

export const runSummarySchema = z.strictObject(runFields).meta({ id: "RunSummary" });

export const runBudgetSchema = z
  .strictObject({
    limits: z
      .array(
        z.strictObject({
          source: z
            .enum(["run", "workflow", "node"])
            .describe("The run request's budget, the workflow's, or a node's."),
          nodeId: z.string().nullable().describe("The node, for a node's budget (it applies while that node runs)."),
          wallClockMinutes: z.number().nullable().describe("Minutes from the run's start."),
          wallClockIncludesWaiting: z
            .boolean()
            .describe("Whether time waiting for people at approval steps counts against wallClockMinutes."),
          spendUsd: z.number().nullable().describe("Model cost in US dollars."),
          usedUsd: z.number().describe("Spent so far against this limit: the run's cost, or the node's steps'."),
        }),
      )
      .describe("In the order they are checked."),
    usedMinutes: z.number().describe("Minutes since the run started (until it ended)."),
    waitedMinutes: z.number().describe("Of those, the minutes it waited for people at approval steps."),
    usedUsd: z.number().describe("The run's cost so far."),
  })
  .meta({ id: "RunBudget" });

export const runResponseSchema = z
  .strictObject({
    ...runFields,
    budget: runBudgetSchema
      .nullable()
      .describe("The budgets that apply (run request, workflow, nodes) and the amount used; null when none do."),
    totals: z.strictObject({
      steps: z.number().int(),
      completedSteps: z.number().int(),
      billedSteps: z
        .number()
        .int()
        .describe(
          "Steps billed: completed or failed, or cut short by a cancellation after spending tokens. Its usage event counts the same steps.",
        ),
      inputTokens: z.number().int(),
      outputTokens: z.number().int(),
      costUsd: z.number(),
    }),
    steps: z.array(stepResponseSchema).describe("Ordered by index."),
  })
  .meta({ id: "Run" });

export const stepInputResponseSchema = z
  .strictObject({
    id: z.string().describe("The step's id."),
    index: z.number().int(),
    input: agentInputSchema.nullable().describe("Null until the step starts."),
  })
  .meta({ id: "StepInputResponse" });
