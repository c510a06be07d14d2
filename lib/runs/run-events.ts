import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { AppError } from "@/lib/api/errors";
import type { Scope } from "@/lib/db/tenant";
import { getRun } from "./get-run";
import { TERMINAL_RUN_STATUSES } from "./schemas";

export interface RunEventsOptions {
  /** How often the database is read, in ms (works across processes: no in-memory pub/sub). */
  pollMs?: number;
  /** A comment line is written after this long without output, to keep proxies from closing. */
  heartbeatMs?: number;
  /** The stream ends after this long; clients reconnect if they still care. */
  maxMs?: number;
  /** The request's signal: the stream stops when the client goes away. */
  signal?: AbortSignal;
}

export const RUN_EVENTS_DEFAULTS = { pollMs: 400, heartbeatMs: 15_000, maxMs: 10 * 60_000 } as const;

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

/** Waits `ms`, or less if `signal` aborts; the abort listener goes away with the timer. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}

const isTerminal = (status: string) => (TERMINAL_RUN_STATUSES as readonly string[]).includes(status);

/**
 * A server-sent-events stream of a run: a `run` event with the full run and
 * its steps whenever anything changed, then `end` once the run is terminal.
 * Also ends on client disconnect, on `maxMs` (`event: timeout`) and if the run
 * disappears (`event: error`).
 */
export function runEventStream(
  scope: Scope,
  runId: string,
  options: RunEventsOptions = {},
): ReadableStream<Uint8Array> {
  const { pollMs, heartbeatMs, maxMs } = { ...RUN_EVENTS_DEFAULTS, ...options };
  const signal = options.signal;
  const encoder = new TextEncoder();
  const stopper = new AbortController();
  signal?.addEventListener("abort", () => stopper.abort(), { once: true });
  const stopped = () => stopper.signal.aborted;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let lastWrite = Date.now();
      const send = (text: string) => {
        if (stopped()) return;
        controller.enqueue(encoder.encode(text));
        lastWrite = Date.now();
      };
      const event = (name: string, data: unknown, id?: number) =>
        send(`event: ${name}\n${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);

      const loop = async () => {
        const deadline = Date.now() + maxMs;
        let last = "";
        let sequence = 0;
        send("retry: 2000\n\n");
        while (!stopped()) {
          const run = await getRun(scope, runId);
          const snapshot = JSON.stringify(run);
          if (snapshot !== last) {
            last = snapshot;
            event("run", run, ++sequence);
          }
          if (isTerminal(run.status)) {
            event("end", { status: run.status });
            return;
          }
          if (Date.now() >= deadline) {
            event("timeout", { message: "Stream lifetime reached; reconnect to keep following the run." });
            return;
          }
          if (Date.now() - lastWrite >= heartbeatMs) send(": heartbeat\n\n");
          await sleep(pollMs, stopper.signal);
        }
      };

      loop()
        .catch((err: unknown) => {
          if (err instanceof AppError) event("error", { code: err.code, message: err.message });
          else {
            console.error(err);
            event("error", { code: "internal_error", message: "Something went wrong on our side." });
          }
        })
        .finally(() => {
          stopper.abort();
          try {
            controller.close();
          } catch {
            // Already cancelled by the reader.
          }
        });
    },
    cancel() {
      stopper.abort();
    },
  });
}
