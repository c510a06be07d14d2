import "server-only";
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
  type Context,
  type TextMapGetter,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { withRequestSpan } from "@/lib/http/request-span";
import { tracing } from "./tracer";

/** What the handler learns about a request after the span has started. */
export interface RequestTrace {
  /** The workspace the request acts in, once resolved. */
  workspace(id: string): void;
}

const untraced: RequestTrace = { workspace: () => undefined };

// The caller's own trace, when it sends a W3C `traceparent` header.
const propagator = new W3CTraceContextPropagator();
const fromHeaders: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * The caller's trace context, when it sends a sampled W3C `traceparent`. One
 * that asks not to be sampled is ignored rather than obeyed: with the
 * parent-based sampler it would keep the request out of the traces.
 */
function callerContext(headers: Headers): Context {
  const context = propagator.extract(ROOT_CONTEXT, headers, fromHeaders);
  const parent = trace.getSpanContext(context);
  return parent && parent.traceFlags & TraceFlags.SAMPLED ? context : ROOT_CONTEXT;
}

/**
 * Handles an /api/v1 request inside a SERVER span named after its operation
 * (`POST /api/v1/workflows/{id}/runs`), with the HTTP semantic conventions'
 * method, route template, path and status code and the workspace it acted in;
 * a 5xx ends it as an error. A request that carries a sampled W3C
 * `traceparent` header gets its span in the caller's trace. Runs started while it is
 * handled record its ids, and their invoke_workflow span links to it (each run
 * keeps its own trace).
 * With traces off the handler runs as is: nothing is made or read.
 */
export async function traceRequest(
  route: { method: string; path: string },
  request: Request,
  handle: (trace: RequestTrace) => Promise<Response>,
): Promise<Response> {
  const t = tracing();
  if (!t) return handle(untraced);
  const method = route.method.toUpperCase();
  const url = new URL(request.url);
  const userAgent = request.headers.get("user-agent");
  const span = t.tracer.startSpan(
    `${method} ${route.path}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        "http.request.method": method,
        "http.route": route.path,
        "url.path": url.pathname,
        "url.scheme": url.protocol.replace(/:$/, ""),
        ...(userAgent ? { "user_agent.original": userAgent.slice(0, 512) } : {}),
      },
    },
    callerContext(request.headers),
  );
  const { traceId, spanId } = span.spanContext();
  try {
    const response = await withRequestSpan({ traceId, spanId }, () =>
      handle({ workspace: (id) => span.setAttribute("loopllama.workspace.id", id) }),
    );
    span.setAttribute("http.response.status_code", response.status);
    if (response.status >= 500) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute("error.type", String(response.status));
    }
    return response;
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
    span.setAttribute("error.type", err instanceof Error ? err.name : "Error");
    throw err;
  } finally {
    span.end();
  }
}
