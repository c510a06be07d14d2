import "server-only";
import { AppError } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { MAX_WORKFLOW_DEPTH } from "@/lib/tools/workflow-tool";
import { emitEvent } from "./emit-event";

/**
 * The depth of the event behind a run: its own event's, or for a run a
 * workflow tool started (`tool:<parent run id>:…`, lib/tools/workflow-tool.ts)
 * its parent's, so a workflow called from an event-started run cannot restart
 * the chain at depth 0 and get past EVENT_MAX_DEPTH. 0 when no event is behind it.
 */
async function eventDepthOf(scope: Scope, runId: string): Promise<number> {
  let current: string | null = runId;
  // Tool calls nest at most MAX_WORKFLOW_DEPTH deep; the bound only guards against a malformed key.
  for (let hop = 0; current && hop <= MAX_WORKFLOW_DEPTH; hop++) {
    const run: { idempotencyKey: string | null; event: { depth: number } | null } | null = await scope.db.run.findFirst(
      {
        where: { id: current },
        select: { idempotencyKey: true, event: { select: { depth: true } } },
      },
    );
    if (!run) return 0;
    if (run.event) return run.event.depth;
    current = run.idempotencyKey?.startsWith("tool:") ? (run.idempotencyKey.split(":")[1] ?? null) : null;
  }
  return 0;
}

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
    select: { id: true, data: true },
  });
  if (!step) return null;
  const data = (step.data ?? {}) as Record<string, unknown>;
  const depth = (await eventDepthOf(scope, runId)) + 1;
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
