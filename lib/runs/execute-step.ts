import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { engineConfig } from "@/lib/engine/config";
import { inOpenStep, journalCte } from "@/lib/engine/journal-context";
import { Prisma } from "@/lib/generated/prisma/client";
import { complete } from "@/lib/models/complete";
import { ModelError } from "@/lib/models/errors";
import { estimateCost } from "@/lib/models/prices";
import { crewPrompts } from "./crew-prompts";
import { keepAlive } from "./heartbeat";
import { contextAt, forgetContext, rememberContext, type RunContext } from "./run-context";
import { buildAgentInput, type AgentInput } from "./transcript";

export type StepOutcome =
  | { status: "completed"; inputTokens: number; outputTokens: number }
  | { status: "failed"; error: string }
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
  output: string | null;
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

/** The run, its pinned crew and its steps in one round trip (this runs once per agent). */
async function loadRun(scope: Scope, runId: string): Promise<RunRow> {
  const rows = await scope.db.$queryRaw<RunRow[]>`
    SELECT r.status::text AS status, r.input, r."cancelRequestedAt", v.crew,
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', s.id, 'index', s.index, 'role', s.role, 'model', s.model, 'status', s.status,
          'output', s.output, 'error', s.error, 'inputTokens', s."inputTokens", 'outputTokens', s."outputTokens"
        ) ORDER BY s.index)
        FROM "Step" s WHERE s."runId" = r.id AND s."workspaceId" = r."workspaceId"
      ), '[]'::json) AS steps
    FROM "Run" r JOIN "WorkflowVersion" v ON v.id = r."workflowVersionId"
    WHERE r.id = ${runId} AND r."workspaceId" = ${scope.workspaceId}`;
  const row = rows[0];
  if (!row) throw new Error(`Run ${runId} not found`);
  // Drivers may hand json columns back as text.
  const parse = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
  return { ...row, crew: parse(row.crew), steps: parse<StepRow[]>(row.steps) };
}

/** The step's input: its system prompt, the run's input and every earlier output. */
function inputFor(ctx: RunContext, position: number): AgentInput {
  const prior = ctx.outputs.slice(0, position).map((output, i) => ({ role: ctx.steps[i]!.role, output }));
  return buildAgentInput(ctx.prompts[position] ?? "", ctx.input, prior);
}

/**
 * Before this the run's heartbeat is old enough to refresh. Steps refresh it
 * at most every half heartbeat period rather than on every write: heartbeatAt
 * is indexed, so leaving it alone keeps the run's update in place (HOT), and
 * keepAlive beats during long model calls anyway.
 */
function beatDue(now: Date): Date {
  return new Date(now.getTime() - engineConfig().heartbeatMs / 2);
}

/**
 * Marks the step running with its input and beats the run's heartbeat, in one
 * statement. With `live`, only while the run is running with no cancel request
 * and the step is not settled; returns false when that did not hold.
 */
async function markRunning(scope: Scope, stepId: string, input: AgentInput, live: boolean): Promise<boolean> {
  const now = new Date();
  const guard = live
    ? Prisma.sql`AND status NOT IN ('completed', 'failed', 'cancelled') AND EXISTS (
        SELECT 1 FROM "Run" r WHERE r.id = "Step"."runId" AND r."workspaceId" = ${scope.workspaceId}
          AND r.status = 'running' AND r."cancelRequestedAt" IS NULL)`
    : Prisma.empty;
  const rows = await scope.db.$queryRaw<{ runId: string }[]>`
    WITH s AS (
      UPDATE "Step" SET status = 'running', "startedAt" = ${now}, input = ${JSON.stringify(input)}::jsonb,
        attempts = attempts + 1
      WHERE id = ${stepId} AND "workspaceId" = ${scope.workspaceId} ${guard}
      RETURNING "runId"
    ), beat AS (
      UPDATE "Run" SET "heartbeatAt" = ${now}
      WHERE id = (SELECT "runId" FROM s) AND "workspaceId" = ${scope.workspaceId}
        AND ("heartbeatAt" IS NULL OR "heartbeatAt" < ${beatDue(now)})
    )
    SELECT "runId" FROM s`;
  return rows.length === 1;
}

/** Reads the run and decides from its state; a context when the step is to run. */
async function prepare(
  scope: Scope,
  runId: string,
  position: number,
): Promise<{ ctx: RunContext } | { outcome: StepOutcome }> {
  const run = await loadRun(scope, runId);
  if (TERMINAL.has(run.status)) return { outcome: { status: "skipped" } };
  if (run.cancelRequestedAt) return { outcome: { status: "cancelled" } };
  const step = run.steps[position];
  if (!step) throw new Error(`Run ${runId} has no step at position ${position}`);
  if (step.status === "completed") {
    return { outcome: { status: "completed", inputTokens: step.inputTokens, outputTokens: step.outputTokens } };
  }
  if (step.status === "failed") return { outcome: { status: "failed", error: step.error ?? "failed" } };
  const ctx: RunContext = {
    input: run.input,
    prompts: crewPrompts(run.crew),
    steps: run.steps.map((s) => ({ id: s.id, role: s.role, model: s.model })),
    outputs: run.steps.slice(0, position).map((s) => s.output ?? ""),
  };
  await markRunning(scope, step.id, inputFor(ctx, position), false);
  return { ctx };
}

/**
 * Runs agent number `position` (0-based, in step order) of a run: builds its
 * input from the run's input and prior outputs, calls the model, records the
 * step. A step already completed is never called again. A cancellation request
 * stops the run here, at the step boundary. Model errors are recorded on the
 * step and returned; other errors (database) throw so the function retries.
 *
 * This runs once per agent, so it keeps to few statements: the run's fixed
 * parts and earlier outputs come from this process's context of the run when
 * it has them (else one read), and one write completes the step, adds to the
 * run's totals, journals the engine step and, under the in-process driver
 * (which goes straight on to the next agent), marks the next step running if
 * the run has no cancel request: the step boundary's check.
 */
export async function executeStep(scope: Scope, runId: string, position: number): Promise<StepOutcome> {
  let ctx = contextAt(scope.workspaceId, runId, position);
  const step = ctx?.steps[position];
  const started = step !== undefined && ctx?.started === step.id;
  if (ctx) ctx.started = undefined;
  if (!ctx || !step || (!started && !(await markRunning(scope, step.id, inputFor(ctx, position), true)))) {
    const prepared = await prepare(scope, runId, position);
    if ("outcome" in prepared) return prepared.outcome;
    ctx = prepared.ctx;
  }
  const { id: stepId, role, model } = ctx.steps[position]!;
  const input = inputFor(ctx, position);

  const stop = keepAlive(scope, runId, engineConfig().heartbeatMs);
  try {
    const result = await complete({ model, role, ...input });
    const cost = estimateCost(model, result.inputTokens, result.outputTokens);
    const finishedAt = new Date();
    const outcome: StepOutcome = {
      status: "completed",
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
    };
    const next = inOpenStep() ? ctx.steps[position + 1] : undefined;
    const startNext = next
      ? Prisma.sql`, next AS (
          UPDATE "Step" SET status = 'running', "startedAt" = ${finishedAt}, attempts = attempts + 1,
            input = ${JSON.stringify(inputFor({ ...ctx, outputs: [...ctx.outputs, result.text] }, position + 1))}::jsonb
          WHERE id = ${next.id} AND "workspaceId" = ${scope.workspaceId}
            AND status NOT IN ('completed', 'failed', 'cancelled')
            AND EXISTS (SELECT 1 FROM totals WHERE totals.status = 'running' AND totals."cancelRequestedAt" IS NULL)
          RETURNING id
        )`
      : Prisma.sql`, next AS (SELECT NULL::text AS id WHERE false)`;
    // Live totals for clients watching the run; finishRun recomputes them from the steps.
    // RETURNING gives the run row as locked by this update: a cancel request committed before it is seen.
    const rows = await scope.db.$queryRaw<{ next: string | null }[]>`
      WITH s AS (
        UPDATE "Step" SET status = 'completed', output = ${result.text}, error = NULL,
          "inputTokens" = ${result.inputTokens}::int, "outputTokens" = ${result.outputTokens}::int,
          "costUsd" = ${cost.usd}::numeric, attempts = attempts + ${(result.attempts ?? 1) - 1}::int,
          "finishedAt" = ${finishedAt}
        WHERE id = ${stepId} AND "workspaceId" = ${scope.workspaceId}
        RETURNING "runId"
      ), totals AS (
        UPDATE "Run" SET "inputTokens" = "inputTokens" + ${result.inputTokens}::int,
          "outputTokens" = "outputTokens" + ${result.outputTokens}::int,
          "costUsd" = "costUsd" + ${cost.usd}::numeric,
          "heartbeatAt" = CASE WHEN "heartbeatAt" IS NULL OR "heartbeatAt" < ${beatDue(finishedAt)}
            THEN ${finishedAt} ELSE "heartbeatAt" END
        WHERE id = (SELECT "runId" FROM s) AND "workspaceId" = ${scope.workspaceId}
        RETURNING status::text AS status, "cancelRequestedAt"
      ) ${startNext} ${journalCte(outcome)}
      SELECT (SELECT id FROM next) AS next`;
    ctx.started = rows[0]?.next ?? undefined;
    ctx.outputs.push(result.text);
    rememberContext(scope.workspaceId, runId, ctx);
    return outcome;
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
    forgetContext(scope.workspaceId, runId);
    await scope.db.step.update({
      where: { id: stepId },
      data: {
        status: "failed",
        error: err.message,
        attempts: { increment: err.attempts - 1 },
        finishedAt: new Date(),
      },
    });
    return { status: "failed", error: err.message };
  } finally {
    stop();
  }
}
