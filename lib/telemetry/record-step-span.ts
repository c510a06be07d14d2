import "server-only";
import { SpanKind } from "@opentelemetry/api";
import type { RunRef } from "./run-trace";
import { toModelRef } from "@/lib/models/model-ref";
import { parentContext, stepSpanId } from "./run-trace";
import { content, failSpan, runAttributes, takeFirstChild, traceOf } from "./spans";

/** Who chose where a graph run went after a node: its edges (or their conditions on typed fields), or a model's answer. */
export type DecidedBy = "graph" | "model";

/**
 * Step `position`'s `invoke_agent` span, made once the step has settled
 * (completed or failed), with the id its model calls and tool calls already
 * named as their parent: the agent, its model, its node, visit and branch,
 * the step's tokens and cost, and for a graph node with edges who decided
 * where the run went next.
 */
export async function recordStepSpan(run: RunRef, position: number, decidedBy?: DecidedBy): Promise<void> {
  const traced = await traceOf(run);
  if (!traced) return;
  const { t, ids } = traced;
  const step = await run.scope.db.step.findFirst({
    where: { runId: run.runId, index: position },
    select: {
      role: true,
      model: true,
      nodeId: true,
      visit: true,
      branch: true,
      status: true,
      error: true,
      output: true,
      inputTokens: true,
      outputTokens: true,
      costUsd: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  if (!step) return;
  const ref = toModelRef(step.model);
  const seen = takeFirstChild(run.runId, position);
  const startTime = [seen, step.startedAt ?? undefined]
    .filter((d): d is Date => d !== undefined)
    .reduce<Date | undefined>((a, b) => (a && a < b ? a : b), undefined);
  t.ids.force({ traceId: ids.traceId, spanId: stepSpanId(ids, position) });
  const span = t.tracer.startSpan(
    `invoke_agent ${step.role}`,
    {
      kind: SpanKind.INTERNAL,
      startTime: startTime ?? new Date(),
      attributes: {
        ...runAttributes(run),
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": step.role,
        "gen_ai.provider.name": ref.provider,
        "gen_ai.request.model": ref.model,
        "gen_ai.usage.input_tokens": step.inputTokens,
        "gen_ai.usage.output_tokens": step.outputTokens,
        "loopllama.cost.usd": Number(step.costUsd),
        "loopllama.step.index": position,
        "loopllama.step.status": step.status,
        ...(step.nodeId ? { "loopllama.node.id": step.nodeId, "loopllama.node.visit": step.visit } : {}),
        ...(step.branch ? { "loopllama.branch": step.branch } : {}),
        ...(decidedBy ? { "loopllama.branch.decided_by": decidedBy } : {}),
        ...content(t, "gen_ai.output.messages", step.output ?? ""),
      },
    },
    parentContext(ids, ids.spanId),
  );
  if (step.status === "failed") failSpan(span, step.error ?? "failed");
  span.end(step.finishedAt ?? new Date());
}
