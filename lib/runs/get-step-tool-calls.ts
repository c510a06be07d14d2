import "server-only";
import { notFound } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";

/** A step's tool calls in order, results whole; 404 when the run or step is absent or another workspace's. */
export async function getStepToolCalls(scope: Scope, runId: string, stepId: string) {
  const step = await scope.db.step.findFirst({
    where: { id: stepId, runId },
    select: {
      id: true,
      index: true,
      toolCalls: {
        orderBy: { index: "asc" },
        select: { index: true, name: true, arguments: true, result: true, error: true, durationMs: true },
      },
    },
  });
  if (!step) throw notFound("Step");
  return step;
}
