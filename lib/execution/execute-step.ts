import "server-only";
import { workspaceFilter, type Scope } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { engineConfig } from "@/lib/engine/config";
import { complete } from "@/lib/models/complete";
import { completeTyped } from "@/lib/models/complete-typed";
import { ModelError } from "@/lib/models/errors";
import { estimateCost } from "@/lib/models/prices";
import { ToolError } from "@/lib/tools/errors";
import { crewTools, toolLimits } from "@/lib/tools/tool-config";
import { toolSpecsFor } from "@/lib/tools/tool-specs";
import type { ModelToolCall } from "@/lib/tools/types";
import type { ModelMessage } from "@/lib/models/types";
import { parseJsonColumn } from "@/lib/db/parse-json-column";
import { modelCredentialsFor } from "@/lib/models/credential-source";
import { toModelRef } from "@/lib/models/model-ref";
import { enforceBudget } from "@/lib/runs/budgets/enforce-budget";
import { stepDeltaPublisher } from "@/lib/runs/publish-step-delta";
import { composeInput, crewRecipe, isRecipe, type InputRecipe, type StoredInput } from "@/lib/runs/transcript";
import { crewPrompts } from "./crew-prompts";
import type { RunRef } from "./execution";
import { keepAlive } from "./heartbeat";
import { modelRetryNote } from "./model-retry-note";
import { traceModelCall } from "@/lib/telemetry/trace-model-call";
import { publishBudgetExceeded } from "@/lib/webhooks/publish-run-events";
import { runClaudeCode } from "@/lib/sandboxes/run-claude-code";

export type StepOutcome =
  | {
      status: "completed";
      inputTokens: number;
      outputTokens: number;
      /** With `returnOutput`: the answer, for a graph's routing. */
      output?: string;
      /** With `output` fields: the validated typed answer. */
      data?: Record<string, unknown>;
    }
  | { status: "failed"; error: string }
  /**
   * The model asked for tools: the caller runs each call as its own durable
   * step, then asks for the next turn with the results (./tool-loop.ts).
   * Tokens are the step's so far, this turn included.
   */
  | { status: "tool_use"; text: string; toolCalls: ModelToolCall[]; inputTokens: number; outputTokens: number }
  | { status: "cancelled" }
  /** The run is already finished; nothing to do. */
  | { status: "skipped" };

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

interface StepRow {
  id: string;
  index: number;
  role: string;
  model: string;
  status: string;
  input: StoredInput | null;
  output: string | null;
  data: Record<string, unknown> | null;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
}

interface RunRow {
  status: string;
  input: string;
  cancelRequestedAt: Date | null;
  crew: unknown;
  steps: StepRow[];
}

/**
 * The read before the model call. One statement: it marks step `position`
 * running with a call in flight (only while the run is running with no cancel
 * request and the step is not settled; a call an earlier claim left in flight
 * counts as an interruption) and beats the run's heartbeat, and returns the run, its
 * pinned crew and its steps up to `position` as they were before this
 * statement.
 */
async function claimStep(scope: Scope, runId: string, position: number): Promise<RunRow> {
  const now = new Date();
  const rows = await scope.db.$queryRaw<RunRow[]>`
    WITH live AS (
      UPDATE "Run" r SET "heartbeatAt" = ${now},
        -- The first claim of a step adds its node to the run's path.
        visited = r.visited || COALESCE((
          SELECT ARRAY[COALESCE(s."nodeId", 'agent-' || (s.index + 1))] FROM "Step" s
          WHERE s."runId" = r.id AND s.index = ${position} AND s.status = 'pending' AND ${workspaceFilter(scope, "s")}
        ), '{}')
      WHERE id = ${runId} AND ${workspaceFilter(scope)} AND status = 'running' AND "cancelRequestedAt" IS NULL
      RETURNING id
    ), claimed AS (
      -- A call still in flight from an earlier claim never answered: its server stopped during it.
      UPDATE "Step" SET status = 'running', "startedAt" = ${now}, attempts = attempts + 1,
        interruptions = interruptions + CASE WHEN "callInFlight" THEN 1 ELSE 0 END, "callInFlight" = true
      WHERE "runId" = (SELECT id FROM live) AND index = ${position} AND ${workspaceFilter(scope)}
        AND status IN ('pending', 'running')
    )
    SELECT r.status::text AS status, r.input, r."cancelRequestedAt", v.crew,
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', s.id, 'index', s.index, 'role', s.role, 'model', s.model, 'status', s.status, 'input', s.input,
          'output', s.output, 'data', s.data, 'error', s.error, 'inputTokens', s."inputTokens", 'outputTokens', s."outputTokens"
        ) ORDER BY s.index)
        FROM "Step" s WHERE s."runId" = r.id AND ${workspaceFilter(scope, "s")} AND s.index <= ${position}
      ), '[]'::json) AS steps
    FROM "Run" r JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId" AND ${workspaceFilter(scope, "v")}
    WHERE r.id = ${runId} AND ${workspaceFilter(scope, "r")}`;
  const row = rows[0];
  if (!row) throw new Error(`Run ${runId} not found`);
  return { ...row, crew: parseJsonColumn(row.crew), steps: parseJsonColumn<StepRow[]>(row.steps) };
}

/** The step's stored recipe; steps queued before recipes were stored get theirs from the pinned crew. */
function recipeOf(run: RunRow, step: StepRow): InputRecipe {
  if (step.input && isRecipe(step.input)) return step.input;
  return crewRecipe(crewPrompts(run.crew)[step.index] ?? "", step.index);
}

/** A step's tokens so far and their cost at its model's price. */
interface StepUsage {
  inputTokens: number;
  outputTokens: number;
  usd: number;
}

function usageOf(model: string, inputTokens: number, outputTokens: number): StepUsage {
  return { inputTokens, outputTokens, usd: estimateCost(toModelRef(model).model, inputTokens, outputTokens).usd };
}

/**
 * The write after a model turn, one statement: the step's tokens and cost
 * become `usage` (the step's totals so far, this turn included), `settle`
 * sets whatever else changes (its status, output or error), and the run's
 * live totals move by the difference for clients and budgets (finishRun
 * recomputes them from the steps). Totals are set, not added: a turn whose
 * durable step runs again after a crash writes its totals again, never
 * twice. Only a running step is written: one the run's end already settled
 * keeps what it has.
 */
async function writeStep(scope: Scope, stepId: string, usage: StepUsage, settle: Prisma.Sql = Prisma.empty) {
  const now = new Date();
  await scope.db.$executeRaw`
    WITH before AS (
      SELECT id, "runId", "inputTokens", "outputTokens", "costUsd" FROM "Step"
      WHERE id = ${stepId} AND ${workspaceFilter(scope)} AND status = 'running'
      FOR UPDATE
    ), written AS (
      UPDATE "Step" s SET "inputTokens" = ${usage.inputTokens}::int, "outputTokens" = ${usage.outputTokens}::int,
        "costUsd" = ${usage.usd}::numeric, "callInFlight" = false ${settle}
      FROM before WHERE s.id = before.id
      RETURNING before."runId", before."inputTokens" AS "wasIn", before."outputTokens" AS "wasOut",
        before."costUsd" AS "wasUsd"
    )
    UPDATE "Run" r SET "inputTokens" = r."inputTokens" + ${usage.inputTokens}::int - w."wasIn",
      "outputTokens" = r."outputTokens" + ${usage.outputTokens}::int - w."wasOut",
      "costUsd" = r."costUsd" + ${usage.usd}::numeric - w."wasUsd", "heartbeatAt" = ${now}
    FROM written w WHERE r.id = w."runId" AND ${workspaceFilter(scope, "r")}`;
}

/** The step completes with its output (and its recipe, if it had none yet), tokens and cost. */
async function completeStep(
  scope: Scope,
  step: StepRow,
  recipe: InputRecipe,
  result: { text: string; data?: Record<string, unknown>; attempts?: number },
  usage: StepUsage,
): Promise<void> {
  await writeStep(
    scope,
    step.id,
    usage,
    Prisma.sql`, status = 'completed', output = ${result.text}, error = NULL,
      attempts = s.attempts + ${(result.attempts ?? 1) - 1}::int, "finishedAt" = ${new Date()},
      input = COALESCE(s.input, ${JSON.stringify(recipe)}::jsonb),
      data = ${result.data ? JSON.stringify(result.data) : null}::jsonb`,
  );
}

/**
 * A model error, a tool that cannot be offered or a budget reached, recorded
 * on the step with the tokens and cost of its turns so far (every answered
 * call counts, in a failed step too); the run fails with it when finished.
 */
async function failStep(
  scope: Scope,
  step: StepRow,
  err: { message: string; attempts: number },
  usage: StepUsage,
): Promise<void> {
  await writeStep(
    scope,
    step.id,
    usage,
    Prisma.sql`, status = 'failed', error = ${err.message}, attempts = s.attempts + ${err.attempts - 1}::int,
      "finishedAt" = ${new Date()}`,
  );
}

/**
 * A budget reached before a turn of a step that already ran (a later turn of
 * a step that called tools, whose minutes ran out while the tools ran): the
 * step fails with the budget's message and keeps the tokens of its turns. A
 * step not yet started is left to finishRun, which closes it as not run.
 */
async function stopStep(scope: Scope, runId: string, position: number, message: string): Promise<void> {
  await scope.db.step.updateMany({
    where: { runId, index: position, status: "running" },
    data: { status: "failed", error: message, finishedAt: new Date(), callInFlight: false },
  });
}

/** How a step's model turns are asked. */
export interface ExecuteStepOptions {
  /** Typed output fields of a graph node: the answer is validated (one repair attempt). */
  output?: Record<string, string>;
  /** Return the answer in the outcome (a graph routes on it). */
  returnOutput?: boolean;
  /** Tools a graph node lists; a crew step's come from its agent in the pinned crew. */
  tools?: string[];
  /** Skills a graph node lists: its load_skill tool loads them. */
  skills?: string[];
  /** The project sandbox a graph node's code runs in (created at the run's start, lib/sandboxes). */
  sandbox?: string;
  /** claude-code with a sandbox: the turn runs through the Claude Agent SDK inside it, not as a model call here. */
  runtime?: "claude-code";
  /** A later model turn of a step that called tools: the turns so far and their totals. */
  turn?: ToolTurn;
}

/** The tool-use turns of a step so far, rebuilt by the caller from its journaled steps. */
export interface ToolTurn {
  /** Assistant turns with their tool calls, each followed by a user turn with the results. */
  history: ModelMessage[];
  /** Tool calls made so far in the step. */
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * One model turn of step `position` (0-based, in step order) of a run: one
 * read (which also marks the step running), the model call, one write.
 *
 * A step already completed is never called again; a cancellation request
 * stops the run here, at the step boundary. The input sent to the model is
 * composed from the step's recipe (its system prompt, the run's input and the
 * earlier outputs it references), exactly as GET /api/v1/runs/{id}?include=inputs
 * composes it later. Model errors (after the model layer's retries of
 * transient ones) are recorded on the step and returned; other errors
 * (database) throw so the function retries.
 */
export async function executeStep(
  run: RunRef,
  position: number,
  options: ExecuteStepOptions = {},
): Promise<StepOutcome> {
  const { scope, runId } = run;
  // Budgets are checked before a step (or a tool-use turn) starts and after each model turn.
  const overBudget = await enforceBudget(scope, runId, position);
  if (overBudget) {
    await stopStep(scope, runId, position, overBudget);
    await publishBudgetExceeded(scope, runId, position, overBudget);
    return { status: "failed", error: overBudget };
  }
  const claimed = await claimStep(scope, runId, position);
  if (TERMINAL.has(claimed.status)) return { status: "skipped" };
  if (claimed.cancelRequestedAt) return { status: "cancelled" };
  const step = claimed.steps.find((s) => s.index === position);
  if (!step) throw new Error(`Run ${runId} has no step at position ${position}`);
  const answer = (text: string | null, data: Record<string, unknown> | null | undefined) => ({
    ...(options.returnOutput ? { output: text ?? "" } : {}),
    ...(data ? { data } : {}),
  });
  if (step.status === "completed") {
    return {
      status: "completed",
      inputTokens: step.inputTokens,
      outputTokens: step.outputTokens,
      ...answer(step.output, parseJsonColumn(step.data)),
    };
  }
  if (step.status === "failed") return { status: "failed", error: step.error ?? "failed" };
  const recipe = recipeOf(claimed, step);
  const input = composeInput(recipe, claimed.input, claimed.steps);
  const turn = options.turn;
  const listed = options.tools ?? crewTools(claimed.crew, step.index);
  const stop = keepAlive(scope, runId, engineConfig().heartbeatMs);
  try {
    const tools = listed.length > 0 ? await toolSpecsFor(scope, listed, runId, options.skills) : [];
    const request = {
      model: step.model,
      role: step.role,
      runId,
      ...input,
      messages: [...input.messages, ...(turn?.history ?? [])],
      ...(tools.length > 0 ? { tools } : {}),
    };
    // The model's text streams to the run's event stream while the step runs (typed answers are JSON: not streamed).
    const deltas = stepDeltaPublisher(runId, step.id);
    const credentials = modelCredentialsFor(scope, runId);
    const call = { position, model: step.model, system: request.system, messages: request.messages };
    // While the call waits out a rate limit or another transient error, the run says so and until when.
    const retries = modelRetryNote(scope, step.id);
    const result = await traceModelCall(run, call, async () =>
      options.runtime === "claude-code" && options.sandbox
        ? {
            ...(await runClaudeCode(
              scope,
              runId,
              options.sandbox,
              {
                model: toModelRef(step.model).model,
                system: request.system,
                messages: request.messages,
                output: options.output,
                stepId: step.id,
              },
              // The workspace's own key only: the model's anthropic credential.
              toModelRef(step.model).credentialId,
            )),
            model: toModelRef(step.model).model,
            simulated: false,
            toolCalls: undefined,
            attempts: 1,
          }
        : options.output
          ? await completeTyped({ ...request, output: options.output }, { credentials, onRetry: retries.onRetry })
          : {
              ...(await complete(request, { onDelta: deltas.push, credentials, onRetry: retries.onRetry })),
              data: undefined,
            },
    ).finally(retries.clear);
    await deltas.flush();
    const totals = {
      inputTokens: (turn?.inputTokens ?? 0) + result.inputTokens,
      outputTokens: (turn?.outputTokens ?? 0) + result.outputTokens,
    };
    const usage = usageOf(step.model, totals.inputTokens, totals.outputTokens);
    const calls = result.toolCalls ?? [];
    if (calls.length > 0) {
      const { maxCalls } = toolLimits();
      if ((turn?.calls ?? 0) + calls.length > maxCalls) {
        const message = `The agent asked for more than maxToolCalls (${maxCalls}) tool calls in one step without answering`;
        await failStep(scope, step, { message, attempts: result.attempts ?? 1 }, usage);
        return { status: "failed", error: message };
      }
      // The turn is metered before its tools run, and a budget it reached ends the run here.
      await writeStep(scope, step.id, usage, Prisma.sql`, attempts = s.attempts + ${(result.attempts ?? 1) - 1}::int`);
      const over = await enforceBudget(scope, runId, position);
      if (over) {
        await failStep(scope, step, { message: over, attempts: 1 }, usage);
        await publishBudgetExceeded(scope, runId, position, over);
        return { status: "failed", error: over };
      }
      return { status: "tool_use", text: result.text, toolCalls: calls, ...totals };
    }
    await completeStep(scope, step, recipe, result, usage);
    const spent = await enforceBudget(scope, runId, position);
    if (spent) await publishBudgetExceeded(scope, runId, position, spent);
    return { status: "completed", ...totals, ...answer(result.text, result.data) };
  } catch (err) {
    // Earlier turns of the step were metered as they answered; a failed call adds what it spent (0 for an HTTP error).
    const spent = (extra: { inputTokens: number; outputTokens: number }) =>
      usageOf(step.model, (turn?.inputTokens ?? 0) + extra.inputTokens, (turn?.outputTokens ?? 0) + extra.outputTokens);
    if (err instanceof ToolError) {
      await failStep(scope, step, { message: err.message, attempts: 1 }, spent({ inputTokens: 0, outputTokens: 0 }));
      return { status: "failed", error: err.message };
    }
    if (!(err instanceof ModelError)) throw err;
    await failStep(scope, step, err, spent(err));
    return { status: "failed", error: err.message };
  } finally {
    stop();
  }
}
