import "server-only";
import { AppError } from "@/lib/http/errors";
import type { Scope } from "@/lib/db/tenant";
import { runChangeFeed } from "./run-change-feed";
import { isTerminalRunStatus } from "@/lib/workflows/run-status";
import type { RunDto } from "./serialize-run";

export interface RunEventsOptions {
  /** A comment line is written after this long without output, to keep proxies from closing. */
  heartbeatMs?: number;
  /** The stream ends after this long; clients reconnect if they still care. */
  maxMs?: number;
  /** The request's signal: the stream stops when the client goes away. */
  signal?: AbortSignal;
  /** Called once when the stream ends, however it ends. */
  onClose?: () => void;
  /**
   * Checks, every `heartbeatMs`, that the caller may still read the run: it
   * throws (an AppError: the token revoked, the member removed) once they may
   * not, and the stream ends with `event: error`.
   */
  checkAccess?: () => Promise<void>;
}

export const RUN_EVENTS_DEFAULTS = { heartbeatMs: 15_000, maxMs: 10 * 60_000 } as const;

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

type RunFields = Omit<RunDto, "steps">;

/** The run's own fields (not its steps) whose value differs from `before`. */
function changedFields(before: RunDto, after: RunDto): Partial<RunFields> {
  const changed: Partial<Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === "steps") continue;
    if (JSON.stringify(value) !== JSON.stringify(before[key as keyof RunDto])) changed[key] = value;
  }
  return changed as Partial<RunFields>;
}

/**
 * A server-sent-events stream of a run. `event: run` first carries the whole
 * run (as GET /api/v1/runs/{id}, without step inputs); after that only what
 * changed is sent: `event: step` with a step that changed (whole), and
 * `event: run` with the run's fields that changed (merge them into the run),
 * and while a step runs `event: delta` `{ stepId, text }` with its model's
 * text as it streams (append it to the step's live output; the step's
 * `event: step` with its saved output follows when it finishes).
 * Every event has an increasing `id`; `event: end` follows once the run is
 * completed, failed or cancelled. Also ends on client disconnect, on `maxMs`
 * (`event: timeout`), and with `event: error` if the run disappears or the
 * caller loses access to it (checked every `heartbeatMs` with `checkAccess`).
 *
 * Changes come from the process's one change feed: no query per stream.
 */
export function runEventStream(
  scope: Scope,
  runId: string,
  options: RunEventsOptions = {},
): ReadableStream<Uint8Array> {
  const { heartbeatMs, maxMs } = { ...RUN_EVENTS_DEFAULTS, ...options };
  const encoder = new TextEncoder();
  let stop = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let sequence = 0;
      let sent: RunDto | null = null;
      let lastWrite = Date.now();
      let unsubscribe = () => {};

      const write = (text: string) => {
        if (closed) return;
        controller.enqueue(encoder.encode(text));
        lastWrite = Date.now();
      };
      const event = (name: string, data: unknown) =>
        write(`event: ${name}\nid: ${++sequence}\ndata: ${JSON.stringify(data)}\n\n`);

      const heartbeat = setInterval(
        () => {
          if (Date.now() - lastWrite >= heartbeatMs) write(": heartbeat\n\n");
        },
        Math.min(heartbeatMs, 5_000),
      );
      let checking = false;
      const { checkAccess } = options;
      const accessCheck = checkAccess
        ? setInterval(() => {
            if (checking || closed) return;
            checking = true;
            checkAccess().then(
              () => {
                checking = false;
              },
              (err: unknown) => {
                checking = false;
                if (!closed) onError(err);
              },
            );
          }, heartbeatMs)
        : undefined;
      const lifetime = setTimeout(() => {
        event("timeout", { message: "Stream lifetime reached; reconnect to keep following the run." });
        stop();
      }, maxMs);

      const onRun = (run: RunDto) => {
        if (closed) return;
        if (!sent) {
          event("run", run);
          for (const delta of early.splice(0)) event("delta", delta);
        } else {
          const before = new Map(sent.steps.map((s) => [s.id, JSON.stringify(s)]));
          for (const step of run.steps) {
            if (before.get(step.id) !== JSON.stringify(step)) event("step", step);
          }
          const fields = changedFields(sent, run);
          if (Object.keys(fields).length > 0) event("run", fields);
        }
        sent = run;
        if (isTerminalRunStatus(run.status)) {
          event("end", { status: run.status });
          stop();
        }
      };
      // Streamed model text of a running step: append it to the step's live output.
      // Text that arrives before the first snapshot waits for it, so `run` always comes first.
      const early: { stepId: string; text: string }[] = [];
      const onDelta = (stepId: string, text: string) => {
        if (closed) return;
        if (sent) event("delta", { stepId, text });
        else early.push({ stepId, text });
      };
      const onError = (err: unknown) => {
        if (err instanceof AppError) event("error", { code: err.code, message: err.message });
        else {
          console.error(err);
          event("error", { code: "internal_error", message: "Something went wrong on our side." });
        }
        stop();
      };

      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearInterval(accessCheck);
        clearTimeout(lifetime);
        unsubscribe();
        options.onClose?.();
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      };

      write("retry: 2000\n\n");
      unsubscribe = runChangeFeed().subscribe(scope.workspaceId, runId, { onRun, onError, onDelta });
      if (options.signal?.aborted) stop();
      else options.signal?.addEventListener("abort", () => stop(), { once: true });
    },
    cancel() {
      stop();
    },
  });
}
