"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { runKeys, useRun } from "./use-runs";
import { isTerminal, type Run } from "./workflow-types";

/** How the page follows a run: the event stream, polling when the stream failed, or not at all once it ended. */
export type LiveMode = "stream" | "polling" | "idle";

/**
 * A run kept up to date while it is in flight: snapshots from the run's
 * server-sent-events stream go straight into the query cache. EventSource
 * cannot send headers, so the workspace travels as `?workspace=`. If the
 * stream fails (a proxy that buffers, a dropped connection), the query polls
 * GET /api/v1/runs/{id} instead until the run ends.
 */
export function useLiveRun(slug: string, id: string) {
  const client = useQueryClient();
  const [streamFailed, setStreamFailed] = useState(typeof EventSource === "undefined");
  const run = useRun(slug, id, { poll: streamFailed });
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
    const stop = () => {
      done = true;
      source.close();
    };
    source.addEventListener("run", (e) => {
      client.setQueryData<Run>(key, JSON.parse((e as MessageEvent<string>).data) as Run);
    });
    source.addEventListener("end", () => {
      stop();
      void client.invalidateQueries({ queryKey: runKeys.lists(slug) });
    });
    source.addEventListener("timeout", () => {
      stop();
      setGeneration((g) => g + 1);
    });
    source.onerror = () => {
      if (done) return;
      stop();
      setStreamFailed(true);
      void client.invalidateQueries({ queryKey: key });
    };
    return stop;
  }, [client, slug, id, streamFailed, finished, waiting, generation]);

  const mode: LiveMode = finished || !run.data ? "idle" : streamFailed ? "polling" : "stream";
  return { run, mode };
}
