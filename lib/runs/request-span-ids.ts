import "server-only";
import { currentRequestSpan } from "@/lib/http/request-span";

/** The ids a new run stores of the API request starting it (none outside a traced request). */
export function requestSpanIds(): { requestTraceId?: string; requestSpanId?: string } {
  const span = currentRequestSpan();
  return span ? { requestTraceId: span.traceId, requestSpanId: span.spanId } : {};
}
