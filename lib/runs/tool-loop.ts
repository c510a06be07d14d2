import type { ModelMessage } from "@/lib/models/types";
import type { PendingWorkflowCall, ToolStepResult } from "@/lib/tools/execute-tool-call";
import type { ModelToolCall, ModelToolResult } from "@/lib/tools/types";
import type { StepOutcome, ToolTurn } from "./execute-step";

/** A durable step: `step.run` on the engine, the function inline in tests. */
export type Durable = <T>(id: string, fn: () => Promise<T>) => Promise<T>;

export type SettledOutcome = Exclude<StepOutcome, { status: "tool_use" }>;

/** Rounds of (check the child run, then wait for its run/finished) before a workflow tool gives up. */
export const WORKFLOW_WAIT_ROUNDS = 120;

/** Workflow tools: wait (durably) for the child run to finish, then settle the call. */
export interface WorkflowCalls {
  /** Waits a short while for the child's run/finished event; null when the wait timed out. */
  wait: (id: string, childRunId: string) => Promise<unknown>;
  /** Whether the child run has already ended (a wait only sees events sent after it starts). */
  finished: (childRunId: string) => Promise<boolean>;
  settle: (call: ModelToolCall, index: number, pending: PendingWorkflowCall) => Promise<ModelToolResult>;
}

/**
 * One step of a run with tool use: each model turn and each tool call is its
 * own durable step, so a retry or a crash replays the journaled ones and never
 * makes a finished tool call again. The first model turn is step `id` (as a
 * step without tools always was); then `<id>-tool-1`, `<id>-tool-2`, … for the
 * calls (numbered across the step) and `<id>-model-2`, `<id>-model-3`, … for
 * the turns that get their results. The conversation is rebuilt from the
 * journaled answers, so a replay asks for the same steps in the same order.
 * A workflow tool's call starts the workflow's run; then, round by round,
 * `<id>-tool-<n>-check-<k>` reads whether it has ended and `<id>-tool-<n>-wait-<k>`
 * waits briefly for its run/finished (a child that ends before the wait starts
 * is found by the next check); `<id>-tool-<n>-result` records its output.
 */
export async function runWithTools(
  durable: Durable,
  id: string,
  firstTurn: () => Promise<StepOutcome>,
  nextTurn: (turn: ToolTurn) => Promise<StepOutcome>,
  callTool: (call: ModelToolCall, index: number) => Promise<ToolStepResult>,
  workflows: WorkflowCalls,
): Promise<SettledOutcome> {
  let outcome = await durable(id, firstTurn);
  const history: ModelMessage[] = [];
  let calls = 0;
  for (let turnNumber = 2; outcome.status === "tool_use"; turnNumber++) {
    const results: ModelToolResult[] = [];
    for (const call of outcome.toolCalls) {
      const index = ++calls;
      const done = await durable(`${id}-tool-${index}`, () => callTool(call, index));
      if ("childRunId" in done) {
        for (let round = 1; round <= WORKFLOW_WAIT_ROUNDS; round++) {
          if (await durable(`${id}-tool-${index}-check-${round}`, () => workflows.finished(done.childRunId))) break;
          if ((await workflows.wait(`${id}-tool-${index}-wait-${round}`, done.childRunId)) !== null) break;
        }
        results.push(await durable(`${id}-tool-${index}-result`, () => workflows.settle(call, index, done)));
      } else {
        results.push(done);
      }
    }
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
    outcome = await durable(`${id}-model-${turnNumber}`, () => nextTurn(turn));
  }
  return outcome;
}
