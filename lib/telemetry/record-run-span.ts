import "server-only";
import { SpanKind, TraceFlags, type Link } from "@opentelemetry/api";
import type { RunRef } from "./run-trace";
import { failSpan, runAttributes, traceOf } from "./spans";

/**
 * The run's `invoke_workflow` span, the root of its trace, made once the run
 * has finished with the id stored at its creation (its steps' spans name it
 * as their parent from any process): its workflow and version, status,
 * tokens and cost, from its start to its end. A run started by an API
 * request links to that request's server span.
 */
export async function recordRunSpan(run: RunRef): Promise<void> {
  const traced = await traceOf(run);
  if (!traced) return;
  const { t, ids } = traced;
  const row = await run.scope.db.run.findFirst({
    where: { id: run.runId },
    select: {
      workflowId: true,
      workflowVersionId: true,
      status: true,
      error: true,
      errorCode: true,
      stepCount: true,
      inputTokens: true,
      outputTokens: true,
      costUsd: true,
      triggeredBy: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      requestTraceId: true,
      requestSpanId: true,
      workflow: { select: { name: true } },
    },
  });
  if (!row) return;
  // The API request that started the run is in a trace of its own: the run links to it.
  const links: Link[] =
    row.requestTraceId && row.requestSpanId
      ? [
          {
            context: {
              traceId: row.requestTraceId,
              spanId: row.requestSpanId,
              traceFlags: TraceFlags.SAMPLED,
              isRemote: true,
            },
            attributes: { "loopllama.link.type": "started_by" },
          },
        ]
      : [];
  t.ids.force(ids);
  const span = t.tracer.startSpan(`invoke_workflow ${row.workflow.name}`, {
    kind: SpanKind.INTERNAL,
    startTime: row.startedAt ?? row.createdAt,
    links,
    attributes: {
      ...runAttributes(run),
      "gen_ai.operation.name": "invoke_workflow",
      "loopllama.workflow.id": row.workflowId,
      "loopllama.workflow.version.id": row.workflowVersionId,
      "loopllama.run.status": row.status,
      "loopllama.run.triggered_by": row.triggeredBy,
      "loopllama.run.steps": row.stepCount,
      "gen_ai.usage.input_tokens": row.inputTokens,
      "gen_ai.usage.output_tokens": row.outputTokens,
      "loopllama.cost.usd": Number(row.costUsd),
    },
  });
  if (row.status === "failed") failSpan(span, row.error ?? "failed", row.errorCode ?? "run_failed");
  span.end(row.finishedAt ?? new Date());
}
