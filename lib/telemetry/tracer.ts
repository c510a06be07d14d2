import "server-only";
import type { Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  RandomIdGenerator,
  type IdGenerator,
} from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { env } from "@/lib/env";
import { providerHolder } from "./flush-traces";

/**
 * Random ids, except for the one span started right after `force`: a run's
 * and a step's spans have ids fixed in advance (stored with the run, or
 * derived from it), so spans made in other processes or after a retry can
 * name them as their parent.
 */
class FixableIds implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private forced: { traceId: string; spanId: string } | null = null;
  force(ids: { traceId: string; spanId: string } | null) {
    this.forced = ids;
  }
  // The SDK asks for the span id first, then (for a span without a parent) for the trace id.
  private forcedTrace: string | null = null;
  generateSpanId(): string {
    const forced = this.forced;
    this.forced = null;
    this.forcedTrace = forced?.traceId ?? null;
    return forced?.spanId ?? this.random.generateSpanId();
  }
  generateTraceId(): string {
    const forced = this.forcedTrace;
    this.forcedTrace = null;
    return forced ?? this.random.generateTraceId();
  }
}

export interface Tracing {
  tracer: Tracer;
  ids: FixableIds;
  captureContent: boolean;
}

const holder = globalThis as unknown as { loopllamaTracing?: Tracing };

/** `key=value,key2=value2`, values percent-encoded, as OTEL_EXPORTER_OTLP_HEADERS is written. */
function parseHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? "").split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/**
 * The server's tracer, made on first use when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set; null (and nothing set up) when it is not. Spans leave in batches from
 * a background queue: a slow or unreachable collector costs a run nothing,
 * and spans it cannot take within OTEL_EXPORTER_OTLP_TIMEOUT are dropped.
 */
export function tracing(): Tracing | null {
  if (holder.loopllamaTracing) return holder.loopllamaTracing;
  const e = env();
  if (!e.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const config = {
    url: `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`,
    headers: parseHeaders(e.OTEL_EXPORTER_OTLP_HEADERS),
    timeoutMillis: e.OTEL_EXPORTER_OTLP_TIMEOUT,
  };
  const exporter =
    e.OTEL_EXPORTER_OTLP_PROTOCOL === "http/json" ? new JsonExporter(config) : new ProtobufExporter(config);
  const ids = new FixableIds();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: e.OTEL_SERVICE_NAME }),
    idGenerator: ids,
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        exportTimeoutMillis: e.OTEL_EXPORTER_OTLP_TIMEOUT,
        scheduledDelayMillis: e.OTEL_BSP_SCHEDULE_DELAY,
      }),
    ],
  });
  const tracing: Tracing = {
    tracer: provider.getTracer("loopllama"),
    ids,
    captureContent: e.OTEL_CAPTURE_CONTENT === "1",
  };
  holder.loopllamaTracing = tracing;
  providerHolder.loopllamaTraceProvider = provider;
  return tracing;
}

/**
 * Flushes and drops the tracer; the next span reads the environment again
 * (tests that change it). Spans a collector that is down does not take are
 * lost, and the tracer is dropped all the same.
 */
export async function stopTracing(): Promise<void> {
  const provider = providerHolder.loopllamaTraceProvider;
  holder.loopllamaTracing = undefined;
  providerHolder.loopllamaTraceProvider = undefined;
  await provider?.shutdown().catch(() => undefined);
}
