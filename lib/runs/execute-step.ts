import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { engineConfig } from "@/lib/engine/config";
import { complete } from "@/lib/models/complete";
import { ModelError } from "@/lib/models/errors";
import { estimateCost } from "@/lib/models/prices";
import { crewPrompts } from "./crew-prompts";
import { keepAlive } from "./heartbeat";
import { buildAgentInput } from "./transcript";

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

/**
 * Runs agent number `position` (0-based, in step order) of a run: builds its
 * input from the run's input and prior outputs, calls the model, records the
 * step. A step already completed is never called again. A cancellation request
 * stops the run here, at the step boundary. Model errors are recorded on the
 * step and returned; other errors (database) throw so the function retries.
 */
export async function executeStep(scope: Scope, runId: string, position: number): Promise<StepOutcome> {
  const run = await loadRun(scope, runId);
  if (TERMINAL.has(run.status)) return { status: "skipped" };
  if (run.cancelRequestedAt) return { status: "cancelled" };
  const step = run.steps[position];
  if (!step) throw new Error(`Run ${runId} has no step at position ${position}`);
  if (step.status === "completed") {
    return { status: "completed", inputTokens: step.inputTokens, outputTokens: step.outputTokens };
  }
  if (step.status === "failed") return { status: "failed", error: step.error ?? "failed" };

  const systemPrompt = crewPrompts(run.crew)[position] ?? "";
  const prior = run.steps.slice(0, position).map((s) => ({ role: s.role, output: s.output ?? "" }));
  const input = buildAgentInput(systemPrompt, run.input, prior);
  // The hot path writes with single statements (step and run heartbeat together):
  // the engine's own time per step stays a few milliseconds.
  const now = new Date();
  await scope.db.$executeRaw`
    WITH s AS (
      UPDATE "Step" SET status = 'running', "startedAt" = ${now}, input = ${JSON.stringify(input)}::jsonb,
        attempts = attempts + 1
      WHERE id = ${step.id} AND "workspaceId" = ${scope.workspaceId}
      RETURNING "runId"
    )
    UPDATE "Run" SET "heartbeatAt" = ${now}
    WHERE id = (SELECT "runId" FROM s) AND "workspaceId" = ${scope.workspaceId}`;

  const stop = keepAlive(scope, runId, engineConfig().heartbeatMs);
  try {
    const result = await complete({ model: step.model, role: step.role, ...input });
    const cost = estimateCost(step.model, result.inputTokens, result.outputTokens);
    const finishedAt = new Date();
    // Live totals for clients watching the run; finishRun recomputes them from the steps.
    await scope.db.$executeRaw`
      WITH s AS (
        UPDATE "Step" SET status = 'completed', output = ${result.text}, error = NULL,
          "inputTokens" = ${result.inputTokens}::int, "outputTokens" = ${result.outputTokens}::int,
          "costUsd" = ${cost.usd}::numeric, attempts = attempts + ${(result.attempts ?? 1) - 1}::int,
          "finishedAt" = ${finishedAt}
        WHERE id = ${step.id} AND "workspaceId" = ${scope.workspaceId}
        RETURNING "runId"
      )
      UPDATE "Run" SET "inputTokens" = "inputTokens" + ${result.inputTokens}::int,
        "outputTokens" = "outputTokens" + ${result.outputTokens}::int,
        "costUsd" = "costUsd" + ${cost.usd}::numeric, "heartbeatAt" = ${finishedAt}
      WHERE id = (SELECT "runId" FROM s) AND "workspaceId" = ${scope.workspaceId}`;
    return { status: "completed", inputTokens: result.inputTokens, outputTokens: result.outputTokens };
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
    await scope.db.step.update({
      where: { id: step.id },
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
