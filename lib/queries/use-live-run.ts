"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { applyStep } from "./apply-step";
import { runKeys, useRun } from "./use-runs";
import { workflowKeys } from "./use-workflows";
import { isTerminal, type Run, type RunStep } from "./workflow-types";

/** With no snapshot from the stream after this long, the page polls instead. */
const STREAM_SILENCE_MS = 5000;

const noSubscription = () => () => {};

/** How the page follows a run: the event stream, polling when the stream failed, or not at all once it ended. */
export type LiveMode = "stream" | "polling" | "idle";

/**
 * A run kept up to date while it is in flight: the run's server-sent-events
 * stream sends it once, then only what changed (`step`: a step, whole;
 * `run`: the run's changed fields; `delta`: a running step's streamed text,
 * kept as its `liveOutput`), applied to the query cache in order. EventSource
 * cannot send headers, so the workspace travels as `?workspace=`. If the
 * stream fails (a proxy that buffers, a dropped connection), the query polls
 * GET /api/v1/runs/{id} instead until the run ends.
 */
export function useLiveRun(slug: string, id: string, initialRun?: Run) {
  const client = useQueryClient();
  // The server renders as the browser first will (following the stream), so the page hydrates
  // without a mismatch; a browser without EventSource then polls.
  const noEventSource = useSyncExternalStore(
    noSubscription,
    () => typeof EventSource === "undefined",
    () => false,
  );
  const [failed, setStreamFailed] = useState(false);
  const streamFailed = failed || noEventSource;
  const run = useRun(slug, id, { poll: streamFailed, initialData: initialRun });
  const finished = run.data ? isTerminal(run.data.status) : false;
  const waiting = run.isPending || run.isError;
  // Reconnects after the server ends a long stream (`timeout`) bump this.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (streamFailed || finished || waiting) return;
    const url = `/api/v1/runs/${encodeURIComponent(id)}/events?workspace=${encodeURIComponent(slug)}`;
    const source = new EventSource(url, { withCredentials: true });
    const key = runKeys.detail(slug, id);
    let done = false;
    const fallBack = () => {
      if (done) return;
      stop();
      setStreamFailed(true);
      void client.invalidateQueries({ queryKey: key });
    };
    // The server sends a snapshot at once; silence means something in between buffers the stream.
    const watchdog = setTimeout(fallBack, STREAM_SILENCE_MS);
    const stop = () => {
      done = true;
      clearTimeout(watchdog);
      source.close();
    };
    const settled = (status: Run["status"]) => {
      // Lists and workflow summaries show the run's status and last run.
      if (!isTerminal(status)) return;
      void client.invalidateQueries({ queryKey: runKeys.lists(slug) });
      void client.invalidateQueries({ queryKey: workflowKeys.all(slug) });
    };
    // The first `run` event is the whole run; later ones carry only the fields that changed.
    source.addEventListener("run", (e) => {
      clearTimeout(watchdog);
      const data = JSON.parse((e as MessageEvent<string>).data) as Partial<Run>;
      if (data.steps) client.setQueryData<Run>(key, data as Run);
      else client.setQueryData<Run>(key, (run) => (run ? { ...run, ...data } : run));
      if (data.status) settled(data.status);
    });
    // A step that changed, whole: it replaces the step with its id, or joins the run (a graph run's new visit).
    source.addEventListener("step", (e) => {
      const step = JSON.parse((e as MessageEvent<string>).data) as RunStep;
      client.setQueryData<Run>(key, (run) => (run ? applyStep(run, step) : run));
    });
    // A piece of a running step's model text: appended to its live output until the step's own event replaces it.
    source.addEventListener("delta", (e) => {
      const { stepId, text } = JSON.parse((e as MessageEvent<string>).data) as { stepId: string; text: string };
      client.setQueryData<Run>(key, (run) =>
        run
          ? {
              ...run,
              steps: run.steps.map((s) =>
                s.id === stepId && s.status === "running" ? { ...s, liveOutput: (s.liveOutput ?? "") + text } : s,
              ),
            }
          : run,
      );
    });
    source.addEventListener("end", stop);
    source.addEventListener("timeout", () => {
      stop();
      setGeneration((g) => g + 1);
    });
    source.onerror = fallBack;
    return stop;
  }, [client, slug, id, streamFailed, finished, waiting, generation]);

  const mode: LiveMode = finished || !run.data ? "idle" : streamFailed ? "polling" : "stream";
  return { run, mode };
}
