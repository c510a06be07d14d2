import "server-only";
import type { Scope } from "@/lib/db/tenant";
import { engineConfig } from "@/lib/engine/config";
import type { Prisma } from "@/lib/generated/prisma/client";
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

/**
 * Runs agent number `position` (0-based, in step order) of a run: builds its
 * input from the run's input and prior outputs, calls the model, records the
 * step. A step already completed is never called again. A cancellation request
 * stops the run here, at the step boundary. Model errors are recorded on the
 * step and returned; other errors (database) throw so the function retries.
 */
export async function executeStep(scope: Scope, runId: string, position: number): Promise<StepOutcome> {
  const run = await scope.db.run.findUniqueOrThrow({
    where: { id: runId },
    select: {
      status: true,
      input: true,
      cancelRequestedAt: true,
      workflowVersion: { select: { crew: true } },
      steps: { orderBy: { index: "asc" } },
    },
  });
  if (TERMINAL.has(run.status)) return { status: "skipped" };
  if (run.cancelRequestedAt) return { status: "cancelled" };
  const step = run.steps[position];
  if (!step) throw new Error(`Run ${runId} has no step at position ${position}`);
  if (step.status === "completed") {
    return { status: "completed", inputTokens: step.inputTokens, outputTokens: step.outputTokens };
  }
  if (step.status === "failed") return { status: "failed", error: step.error ?? "failed" };

  const systemPrompt = crewPrompts(run.workflowVersion.crew)[position] ?? "";
  const prior = run.steps.slice(0, position).map((s) => ({ role: s.role, output: s.output ?? "" }));
  const input = buildAgentInput(systemPrompt, run.input, prior);
  const now = new Date();
  await scope.db.$transaction([
    scope.db.step.update({
      where: { id: step.id },
      data: {
        status: "running",
        startedAt: now,
        input: input as unknown as Prisma.InputJsonValue,
        attempts: { increment: 1 },
      },
    }),
    scope.db.run.update({ where: { id: runId }, data: { heartbeatAt: now } }),
  ]);

  const stop = keepAlive(scope, runId, engineConfig().heartbeatMs);
  try {
    const result = await complete({ model: step.model, role: step.role, ...input });
    const cost = estimateCost(step.model, result.inputTokens, result.outputTokens);
    const finishedAt = new Date();
    await scope.db.$transaction([
      scope.db.step.update({
        where: { id: step.id },
        data: {
          status: "completed",
          output: result.text,
          inputTokens: result.inputTokens,
          outputTokens: result.outputTokens,
          costUsd: cost.usd,
          attempts: { increment: (result.attempts ?? 1) - 1 },
          error: null,
          finishedAt,
        },
      }),
      // Live totals for clients watching the run; finishRun recomputes them from the steps.
      scope.db.run.update({
        where: { id: runId },
        data: {
          inputTokens: { increment: result.inputTokens },
          outputTokens: { increment: result.outputTokens },
          costUsd: { increment: cost.usd },
          heartbeatAt: finishedAt,
        },
      }),
    ]);
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
