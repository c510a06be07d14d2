import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** The server span of the API request being handled (W3C ids, hex), when traces are on. */
export interface RequestSpan {
  traceId: string;
  spanId: string;
}

const current = new AsyncLocalStorage<RequestSpan>();

/** Runs `fn` as the work of the request whose span this is: runs it starts link to that span. */
export function withRequestSpan<T>(span: RequestSpan, fn: () => T): T {
  return current.run(span, fn);
}

/** The span of the API request this code runs for; undefined outside one, or when traces are off. */
export function currentRequestSpan(): RequestSpan | undefined {
  return current.getStore();
}

/** Runs `fn` as no request's work: the engine's jobs, woken by a request, are not part of it. */
export function outsideRequest<T>(fn: () => T): T {
  return current.exit(fn);
}
