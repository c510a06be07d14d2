import "server-only";
import { createHash } from "node:crypto";
import { ROOT_CONTEXT, trace, TraceFlags, type Context } from "@opentelemetry/api";
import type { Scope } from "@/lib/db/tenant";

/** A run in its workspace: what every span of the run is made for. */
export interface RunRef {
  scope: Scope;
  runId: string;
}

export interface RunTrace {
  traceId: string;
  /** The run's invoke_workflow span. */
  spanId: string;
}

// Runs a process works on, so each span does not read the run again.
const known = new Map<string, RunTrace>();
const KNOWN_MAX = 1000;

/** The trace ids stored with the run when it was created. */
export async function runTrace({ scope, runId }: RunRef): Promise<RunTrace | null> {
  const cached = known.get(runId);
  if (cached) return cached;
  const run = await scope.db.run.findFirst({ where: { id: runId }, select: { traceId: true, traceSpanId: true } });
  if (!run) return null;
  const ids = { traceId: run.traceId, spanId: run.traceSpanId };
  if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
  known.set(runId, ids);
  return ids;
}

/** The invoke_agent span id of the run's step `position`: the same in every process and replay. */
export function stepSpanId(run: RunTrace, position: number): string {
  return createHash("sha256").update(`${run.traceId}:${run.spanId}:${position}`).digest("hex").slice(0, 16);
}

/** A context whose parent is span `spanId` of the run's trace, wherever that span is (or will be) made. */
export function parentContext(run: RunTrace, spanId: string): Context {
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: run.traceId,
    spanId,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
  });
}
