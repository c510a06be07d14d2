import "server-only";
import type { ModelMessage } from "@/lib/models/types";
import { executeToolCall, settleWorkflowCall, type ListedTools } from "@/lib/tools/execute-tool-call";
import type { ModelToolCall, ModelToolResult } from "@/lib/tools/types";
import { recordStepSpan, type DecidedBy } from "@/lib/telemetry/record-step-span";
import { traceToolCall } from "@/lib/telemetry/trace-tool-call";
import { publishStepEvent } from "@/lib/webhooks/publish-run-events";
import { executeStep, type ExecuteStepOptions, type StepOutcome, type ToolTurn } from "./execute-step";
import { executeVisit, type GraphVisit } from "./execute-visit";
import type { Execution } from "./execution";
import { isRunFinished } from "./is-run-finished";

export type SettledOutcome = Exclude<StepOutcome, { status: "tool_use" }>;

/** Rounds of (check the child run, then wait for its run/finished) before a workflow tool gives up. */
export const WORKFLOW_WAIT_ROUNDS = 120;

/** One step of a run, as the tool loop runs it: a crew's agent or a graph node's visit. */
export interface StepPlan {
  /** The durable step id of its first model turn ("agent-2", "visit-review-1"): the journal knows the step by it. */
  id: string;
  /** The step's index in the run. */
  position: number;
  /** How each of its model turns is asked (a graph node's typed output, routing answer and tools). */
  options: Omit<ExecuteStepOptions, "turn">;
  /** The tools and credentials a graph node lists; null: the crew agent's, read from the pinned crew. */
  listed: ListedTools | null;
  /** A graph visit: its step row is written by its first turn (a crew's rows are written with the run). */
  visit?: GraphVisit;
  /** A graph node with edges: who decides where the run goes after it (its trace says so). */
  decidedBy?: DecidedBy;
}

/**
 * One step of a run with tool use: each model turn and each tool call is its
 * own durable step, so a retry or a crash replays the journaled ones and never
 * makes a finished tool call again. The first model turn is step `id` (as a
 * step without tools always was); then `<id>-tool-1`, `<id>-tool-2`, … for the
 * calls (numbered across the step) and `<id>-model-2`, `<id>-model-3`, … for
 * the turns that get their results. The conversation is rebuilt from the
 * journaled answers, so a replay asks for the same steps in the same order.
 */
export async function runWithTools(ex: Execution, step: StepPlan): Promise<SettledOutcome> {
  // A turn that settles the step tells the webhook endpoints and the trace (once, whatever replays it).
  const announced = async (outcome: StepOutcome) => {
    await publishStepEvent(ex.scope, ex.runId, step.position, outcome);
    if (outcome.status === "completed" || outcome.status === "failed") {
      await recordStepSpan(ex, step.position, step.decidedBy);
    }
    return outcome;
  };
  let outcome = await ex.step.run(step.id, async () =>
    announced(
      await (step.visit ? executeVisit(ex, step.visit, step.options) : executeStep(ex, step.position, step.options)),
    ),
  );
  const history: ModelMessage[] = [];
  let calls = 0;
  for (let turnNumber = 2; outcome.status === "tool_use"; turnNumber++) {
    const results: ModelToolResult[] = [];
    for (const call of outcome.toolCalls) results.push(await callTool(ex, step, call, ++calls));
    history.push(
      { role: "assistant", content: outcome.text, toolCalls: outcome.toolCalls },
      { role: "user", content: "", toolResults: results },
    );
    const turn: ToolTurn = {
      history: [...history],
      calls,
      inputTokens: outcome.inputTokens,
      outputTokens: outcome.outputTokens,
    };
    outcome = await ex.step.run(`${step.id}-model-${turnNumber}`, async () =>
      announced(await executeStep(ex, step.position, { ...step.options, turn })),
    );
  }
  return outcome;
}

/**
 * The step's `index`-th tool call, durable step `<id>-tool-<index>`. A workflow
 * tool's call starts the workflow's run; then, round by round,
 * `<id>-tool-<index>-check-<k>` reads whether it has ended and
 * `<id>-tool-<index>-wait-<k>` waits briefly for its run/finished (a child that
 * ends before the wait starts is found by the next check);
 * `<id>-tool-<index>-result` records its output.
 */
async function callTool(ex: Execution, step: StepPlan, call: ModelToolCall, index: number): Promise<ModelToolResult> {
  const id = `${step.id}-tool-${index}`;
  const { scope, runId } = ex;
  const done = await ex.step.run(id, () =>
    traceToolCall(ex, step.position, call, () =>
      executeToolCall(scope, runId, step.position, step.listed, call, index),
    ),
  );
  if (!("childRunId" in done)) return done;
  for (let round = 1; round <= WORKFLOW_WAIT_ROUNDS; round++) {
    if (await ex.step.run(`${id}-check-${round}`, () => isRunFinished(scope, done.childRunId))) break;
    if ((await ex.step.waitForRun(`${id}-wait-${round}`, done.childRunId)) !== null) break;
  }
  return ex.step.run(`${id}-result`, () => settleWorkflowCall(scope, runId, step.position, call, index, done));
}
