import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RunStep, RunSummary } from "@/lib/queries/workflow-types";
import { RunTable } from "./run-table";
import { StepCard } from "./step-card";

const html = (element: ReactElement) =>
  renderToString(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(AppRouterContext.Provider, { value: {} as AppRouterInstance }, element),
    ),
  ).replace(/<!-- -->/g, "");

/** The text of every element with this test id. */
const cells = (markup: string, testId: string) =>
  [...markup.matchAll(new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`, "g"))].map((m) =>
    m[1]!.replace(/&lt;/g, "<"),
  );

const step = (over: Partial<RunStep>): RunStep => ({
  id: "s1",
  index: 0,
  role: "writer",
  model: "claude-sonnet-4-6",
  nodeId: "agent-1",
  visit: 1,
  branch: null,
  data: null,
  status: "completed",
  input: null,
  inputSize: null,
  output: "Done.",
  error: null,
  inputTokens: 1200,
  outputTokens: 300,
  costUsd: 0.0081,
  attempts: 1,
  interruptions: 0,
  reused: false,
  approval: null,
  startedAt: "2026-11-30T10:00:00.000Z",
  finishedAt: "2026-11-30T10:00:02.000Z",
  durationMs: 2000,
  ...over,
});

const run = (over: Partial<RunSummary>): RunSummary => ({
  id: "cmrun000000000001",
  workflowId: "wf1",
  workflowName: "Spec reviewer",
  workflowVersionId: "wv1",
  version: 1,
  status: "completed",
  input: "Uploads are kept 30 days.",
  output: "Fine.",
  error: null,
  errorCode: null,
  waitingFor: null,
  sweeps: [],
  forkedFrom: null,
  forkedAtStep: null,
  errorStepIndex: null,
  stepCount: 3,
  visited: [],
  agentId: null,
  eventId: null,
  cancelRequestedAt: null,
  inputTokens: 5000,
  outputTokens: 1500,
  costUsd: 0.0468,
  triggeredBy: "user",
  createdAt: "2026-11-30T10:00:00.000Z",
  startedAt: "2026-11-30T10:00:00.000Z",
  finishedAt: "2026-11-30T10:00:09.000Z",
  durationMs: 9000,
  ...over,
});

describe("estimated cost in the transcript and the runs list", () => {
  it("shows each finished step's cost in USD", () => {
    const card = (over: Partial<RunStep>) =>
      cells(
        html(createElement(StepCard, { slug: "acme", runId: "cmrun000000000001", step: step(over), total: 2 })),
        "step-cost",
      );
    expect(card({})).toEqual(["$0.0081"]);
    expect(card({ status: "failed", costUsd: 0.000_02 })).toEqual(["<$0.0001"]);
    // Cut short by a cancellation after some model turns: what they spent.
    expect(card({ status: "cancelled", costUsd: 0.0012 })).toEqual(["$0.0012"]);
    expect(card({ status: "cancelled", inputTokens: 0, outputTokens: 0, costUsd: 0 })).toEqual([]);
    // Not run yet: nothing to show.
    expect(card({ status: "pending", costUsd: 0 })).toEqual([]);
  });

  it("shows each run's cost, and a dash while it is queued", () => {
    const markup = html(
      createElement(RunTable, {
        slug: "acme",
        runs: [run({}), run({ id: "cmrun000000000002", status: "queued", costUsd: 0 }), run({ costUsd: 2.5 })],
      }),
    );
    expect(markup).toMatch(/<th[^>]*>Cost<\/th>/);
    expect(cells(markup, "run-cost")).toEqual(["$0.0468", "—", "$2.50"]);
  });
});
