import type { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";

/** The server's trace provider, once made: on globalThis, so the server script and Next's bundles share one. */
export const providerHolder = globalThis as unknown as { loopllamaTraceProvider?: BasicTracerProvider };

/**
 * Sends the spans still queued: at shutdown (scripts/serve.ts, without
 * server-only code), and in tests before they read the collector. Rejects
 * when the collector does not take them.
 */
export async function flushTraces(): Promise<void> {
  await providerHolder.loopllamaTraceProvider?.forceFlush();
}
