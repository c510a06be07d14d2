import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useLiveRun } from "./use-live-run";
import type { Run } from "./workflow-types";

function Mode({ run }: { run: Run }) {
  const { mode } = useLiveRun("acme", run.id, run);
  return createElement("span", null, mode);
}

describe("useLiveRun", () => {
  it("renders a run in flight on the server as the browser first does, following its stream", () => {
    // The server has no EventSource; a browser has one. Were the server to say "polling" while the
    // browser says "stream", the page's live indicator would differ and hydration would fail.
    expect(typeof EventSource).toBe("undefined");
    const run: Run = {
      id: "run_1",
      workflowId: "wf_1",
      workflowName: "Triage",
      workflowVersionId: "wv_1",
      version: 1,
      status: "running",
      input: "Hi",
      output: null,
      error: null,
      errorCode: null,
      waitingFor: null,
      sweeps: [],
      forkedFrom: null,
      forkedAtStep: null,
      errorStepIndex: null,
      stepCount: 2,
      visited: [],
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      triggeredBy: "user",
      agentId: null,
      eventId: null,
      cancelRequestedAt: null,
      createdAt: "2026-12-01T10:00:00.000Z",
      startedAt: "2026-12-01T10:00:00.000Z",
      finishedAt: null,
      durationMs: null,
      budget: null,
      totals: { steps: 0, completedSteps: 0, billedSteps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      steps: [],
    };
    const html = renderToString(
      createElement(QueryClientProvider, { client: new QueryClient() }, createElement(Mode, { run })),
    );
    expect(html).toBe("<span>stream</span>");
  });
});
