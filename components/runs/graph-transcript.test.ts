import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Run, RunStep } from "@/lib/queries/workflow-types";
import { GraphTranscript } from "./graph-transcript";
import { RunPathView } from "./run-path-view";

function render(element: ReactElement): string {
  return renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, element));
}

/** The inner HTML of each element whose opening tag matches `attr` (e.g. `data-testid="lane"`). */
function elements(html: string, attr: string): string[] {
  const found: string[] = [];
  for (let at = html.indexOf(attr); at !== -1; at = html.indexOf(attr, at + 1)) {
    const open = html.lastIndexOf("<", at);
    const tag = /^<(\w+)/.exec(html.slice(open))![1]!;
    const start = html.indexOf(">", at) + 1;
    const tags = new RegExp(`<(/?)${tag}[\\s>]`, "g");
    tags.lastIndex = start;
    let depth = 1;
    let end = start;
    for (let m = tags.exec(html); m && depth; m = tags.exec(html)) {
      depth += m[1] ? -1 : 1;
      end = m.index;
    }
    found.push(html.slice(start, end));
  }
  return found;
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");

const texts = (html: string, testId: string) => elements(html, `data-testid="${testId}"`).map(text);

function step(index: number, nodeId: string, fields: Partial<RunStep> = {}): RunStep {
  return {
    id: `s${index}`,
    index,
    role: nodeId,
    model: "claude-sonnet-4-6",
    status: "completed",
    inputSize: 10,
    output: "ok",
    error: null,
    inputTokens: 1,
    outputTokens: 1,
    costUsd: 0,
    attempts: 1,
    interruptions: 0,
    reused: false,
    approval: null,
    startedAt: null,
    finishedAt: null,
    durationMs: 5,
    nodeId,
    visit: 1,
    branch: null,
    data: null,
    ...fields,
  };
}

function run(steps: RunStep[], fields: Partial<Run> = {}): Run {
  return { id: "r", status: "completed", stepCount: steps.length, steps, ...fields } as Run;
}

describe("GraphTranscript", () => {
  it("puts a fan-out's steps in a lane per branch and says where each step went", () => {
    const markup = render(
      createElement(GraphTranscript, {
        slug: "acme",
        run: run([
          step(0, "plan"),
          step(1, "market", { branch: "market" }),
          step(2, "tech", { branch: "tech" }),
          step(3, "tech-check", { branch: "tech" }),
          step(4, "writer"),
        ]),
      }),
    );
    const lanes = elements(markup, 'data-testid="lane"');
    expect(lanes.map((l) => text(elements(l, 'id="lane-')[0]!))).toEqual(["Branch market", "Branch tech"]);
    expect(lanes.map((l) => texts(l, "step-node"))).toEqual([["market"], ["tech", "tech-check"]]);
    expect(elements(markup, 'aria-label="Parallel branches: market, tech"')).toHaveLength(1);
    expect(texts(markup, "step-node")).toEqual(["plan", "market", "tech", "tech-check", "writer"]);
    expect(texts(markup, "step-next")).toEqual(["Fanned out to market, tech", "Ended the run"]);
  });

  it("numbers a loop's visits and shows a typed output as a table", () => {
    const markup = render(
      createElement(GraphTranscript, {
        slug: "acme",
        run: run(
          [
            step(0, "b"),
            step(1, "classify", { data: { severity: "high", tags: ["db", "auth"] } }),
            step(2, "b", { visit: 2 }),
          ],
          { status: "failed" },
        ),
      }),
    );
    expect(texts(markup, "step-visit")).toEqual(["visit 1", "visit 2"]);
    const table = elements(markup, 'data-testid="step-data"');
    expect(table).toHaveLength(1);
    expect(elements(table[0]!, 'scope="row"').map(text)).toEqual(["severity", "tags"]);
    expect(elements(table[0]!, "<td").map(text)).toEqual(["high", "db, auth"]);
    expect(texts(markup, "step-next")).toEqual(["Went to classify", "Went to b"]);
  });
});

describe("RunPathView", () => {
  it("reads the visited nodes in order, repeat visits numbered, END once completed", () => {
    const markup = render(createElement(RunPathView, { run: run([], { visited: ["classify", "billing"] }) }));
    expect(texts(markup, "path-node")).toEqual(["classify", "billing"]);
    expect(texts(markup, "run-path")).toEqual(["classify→billing→END"]);
    const loop = render(createElement(RunPathView, { run: run([], { status: "failed", visited: ["a", "b", "a"] }) }));
    expect(texts(loop, "path-node")).toEqual(["a", "b", "a (visit 2)"]);
  });
});
