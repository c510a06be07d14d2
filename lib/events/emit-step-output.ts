import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { emitEvent } from "./emit-event";

/**
 * A completed step's typed output, emitted as the event its node `emits`
 * (source `step`, one hop deeper than the event that started the run). Keyed
 * on the step's id, so a retried or replayed step emits once. An output the
 * event's type no longer accepts (the type changed or was deleted since the
 * run's version was saved) is stored with a note and starts nothing; the run
 * goes on.
 */
export async function emitStepOutput(scope: Scope, runId: string, stepIndex: number, name: string) {
  const step = await scope.db.step.findFirst({
    where: { runId, index: stepIndex, status: "completed" },
    select: { id: true, data: true, run: { select: { event: { select: { depth: true } } } } },
  });
  if (!step) return null;
  const data = (step.data ?? {}) as Record<string, unknown>;
  const depth = (step.run.event?.depth ?? 0) + 1;
  const idempotencyKey = `step:${step.id}`;
  try {
    const { event, runs } = await emitEvent(scope, {
      name,
      data,
      source: "step",
      sourceRunId: runId,
      depth,
      idempotencyKey,
    });
    return { eventId: event.id, runs: runs.map((r) => r.id) };
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const existing = await scope.db.event.findFirst({ where: { idempotencyKey }, select: { id: true } });
    if (existing) return { eventId: existing.id, runs: [] };
    const event = await scope.db.event.create({
      data: {
        workspaceId: scope.workspaceId,
        name,
        data: data as object,
        source: "step",
        sourceRunId: runId,
        depth,
        note: `Not delivered: ${err.message}`,
        idempotencyKey,
      },
      select: { id: true },
    });
    return { eventId: event.id, runs: [] };
  }
}
