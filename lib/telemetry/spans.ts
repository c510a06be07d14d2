import "server-only";
import { SpanKind, SpanStatusCode, type Attributes, type Context, type Span } from "@opentelemetry/api";
import type { RunRef } from "./run-trace";
import { parentContext, runTrace, stepSpanId, type RunTrace } from "./run-trace";
import { tracing, type Tracing } from "./tracer";

// When this process first opened a span inside each step ("<runId>:<position>"): a step's turns each move its startedAt.
const firstChild = new Map<string, Date>();
const FIRST_CHILD_MAX = 10_000;

/** The earliest time this process saw step `position` of the run at work, if it did; forgotten once read. */
export function takeFirstChild(runId: string, position: number): Date | undefined {
  const key = `${runId}:${position}`;
  const at = firstChild.get(key);
  firstChild.delete(key);
  return at;
}

/** Content attributes are cut to this many characters. */
const CONTENT_MAX = 16_384;

/** Text for a content attribute, when OTEL_CAPTURE_CONTENT=1; nothing otherwise. */
export function content(t: Tracing, key: string, value: unknown): Attributes {
  if (!t.captureContent) return {};
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return { [key]: text.length > CONTENT_MAX ? `${text.slice(0, CONTENT_MAX)}…` : text };
}

/** The attributes every span of a run carries. */
export function runAttributes({ scope, runId }: RunRef): Attributes {
  return { "loopllama.workspace.id": scope.workspaceId, "loopllama.run.id": runId };
}

/** Ends as an error: the span's status names the message, `error.type` its kind. */
export function failSpan(span: Span, message: string, type = "step_failed"): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute("error.type", type);
}

/** The tracer and the run's trace, or null when traces are off (then nothing is read). */
export async function traceOf(run: RunRef): Promise<{ t: Tracing; ids: RunTrace } | null> {
  const t = tracing();
  if (!t) return null;
  const ids = await runTrace(run);
  return ids ? { t, ids } : null;
}

/**
 * Runs `fn` inside a span that is a child of step `position`'s invoke_agent
 * span; `settle` adds what `fn` returned. A throw ends the span as an error
 * and is thrown on.
 */
export async function inStepSpan<T>(
  run: RunRef,
  position: number,
  name: string,
  attributes: (t: Tracing) => Attributes,
  fn: () => Promise<T>,
  settle: (span: Span, result: T, t: Tracing) => void,
): Promise<T> {
  const traced = await traceOf(run);
  if (!traced) return fn();
  const { t, ids } = traced;
  const parent: Context = parentContext(ids, stepSpanId(ids, position));
  const key = `${run.runId}:${position}`;
  if (!firstChild.has(key)) {
    if (firstChild.size >= FIRST_CHILD_MAX) firstChild.delete(firstChild.keys().next().value!);
    firstChild.set(key, new Date());
  }
  const span = t.tracer.startSpan(
    name,
    { kind: SpanKind.CLIENT, attributes: { ...runAttributes(run), ...attributes(t) } },
    parent,
  );
  try {
    const result = await fn();
    settle(span, result, t);
    return result;
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    failSpan(span, err instanceof Error ? err.message : String(err), err instanceof Error ? err.name : "Error");
    throw err;
  } finally {
    span.end();
  }
}
