import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RunComparison } from "@/lib/queries/use-run-comparison";
import { CompareWithOriginalLink } from "./compare-link";
import { lineDiff } from "./line-diff";
import { RunComparisonView, dataDifferences, type ComparedRun } from "./run-comparison";

/** The markup, without React's text separators. */
function render(element: ReactElement): string {
  return renderToStaticMarkup(element).replaceAll("<!-- -->", "");
}

const original: ComparedRun = {
  id: "run_a",
  status: "failed",
  costUsd: 0.0123,
  inputTokens: 1200,
  outputTokens: 340,
  durationMs: 4200,
  input: "Summarise the report.\nKeep it short.",
  forkedFrom: null,
  forkedAtStep: null,
};
const fork: ComparedRun = {
  ...original,
  id: "run_b",
  status: "completed",
  costUsd: 0.02,
  inputTokens: 2500,
  outputTokens: 610,
  durationMs: 65_000,
  forkedFrom: "run_a",
  forkedAtStep: 1,
};

const step = {
  id: "step_1",
  nodeId: "draft",
  status: "completed",
  output: "Intro",
  data: null,
  inputTokens: 100,
  outputTokens: 20,
  costUsd: 0.001,
  durationMs: 800,
  toolCalls: 0,
  reused: false,
};

const diverging: RunComparison = {
  a: "run_a",
  b: "run_b",
  sameInput: true,
  divergedAtStep: 1,
  steps: [
    { index: 0, a: step, b: { ...step, reused: true }, same: true, differences: [], inputDifferences: [] },
    {
      index: 1,
      a: {
        ...step,
        nodeId: "review",
        status: "failed",
        output: "Line one\nToo long line\nLine three",
        data: { ok: false, score: 2 },
      },
      b: {
        ...step,
        nodeId: "review",
        output: "Line one\nShort line\nLine three",
        data: { ok: true, score: 2 },
        toolCalls: 3,
        durationMs: 1500,
      },
      same: false,
      differences: ["status", "input", "output", "data"],
      inputDifferences: ["messages"],
    },
    {
      index: 2,
      a: null,
      b: { ...step, nodeId: "publish", output: "Done" },
      same: false,
      differences: ["node", "status", "output"],
      inputDifferences: [],
    },
  ],
};

describe("the Compare view", () => {
  it("shows both runs' figures, marks the step where they diverge and what differs there", () => {
    const html = render(
      createElement(RunComparisonView, { slug: "acme", a: original, b: fork, comparison: diverging }),
    );
    // Headers side by side: status, cost, tokens, duration; the fork says where it was forked.
    expect(html).toContain('href="/w/acme/runs/run_a"');
    expect(html).toContain("the fork, from step 2");
    expect(html).toContain("$0.0123");
    expect(html).toContain("1,200 in · 340 out");
    expect(html).toContain("2,500 in · 610 out");
    expect(html).toContain("4.20 s");
    expect(html).toContain("1 min 5 s");
    expect(html).toContain("The runs diverge at step 2");
    expect(html).toContain('data-testid="same-input"');
    // Only the diverging step is marked, and the step before it is the same (reused in the fork).
    expect(html.match(/data-testid="diverged"/g)).toHaveLength(1);
    const parts = html.split(/data-testid="compare-step-/);
    expect(parts).toHaveLength(4);
    const [before = "", at = "", after = ""] = parts.slice(1);
    expect(before).toContain('data-same="true"');
    expect(before).toContain("reused");
    expect(before).not.toContain("data-changed");
    expect(at).toContain("The runs diverge here");
    expect(at).toContain("Differs in status, input, output, typed fields");
    // The input's part that differs is named; the inputs themselves load once opened.
    expect(at).toContain('data-testid="input-differences"');
    expect(at).toContain("The input differs in the messages");
    expect(before).not.toContain("input-differences");
    // The changed line is highlighted on each side; the lines both share are not.
    expect(at).toMatch(/data-changed="a"[^>]*>.*?Too long line/);
    expect(at).toMatch(/data-changed="b"[^>]*>.*?Short line/);
    expect(at.match(/data-changed=/g)).toHaveLength(2);
    // Typed fields: only the one that differs, with both values.
    expect(at).toContain('data-testid="data-differences"');
    expect(at).toContain('<td class="py-1 pr-2">ok</td>');
    expect(at).not.toContain(">score<");
    expect(at).toContain("3 tool calls");
    expect(after).toContain("No step at this index.");
    expect(after).toMatch(/data-changed="b"[^>]*>.*?Done/);
  });

  it("says so when the runs do not differ, and when their inputs do", () => {
    const same: RunComparison = { ...diverging, sameInput: false, divergedAtStep: null, steps: [diverging.steps[0]!] };
    const html = render(
      createElement(RunComparisonView, {
        slug: "acme",
        a: original,
        b: { ...fork, input: "Summarise the report.\nKeep it very short." },
        comparison: same,
      }),
    );
    expect(html).toContain("No difference");
    expect(html).not.toContain('data-testid="diverged"');
    expect(html).not.toContain('data-testid="same-input"');
    expect(html).toMatch(/data-changed="a"[^>]*>.*?Keep it short\./);
    expect(html).toMatch(/data-changed="b"[^>]*>.*?Keep it very short\./);
  });

  it("says when neither run has steps", () => {
    const empty: RunComparison = { ...diverging, divergedAtStep: null, steps: [] };
    expect(
      render(createElement(RunComparisonView, { slug: "acme", a: original, b: fork, comparison: empty })),
    ).toContain("Neither run has any steps yet.");
  });
});

describe("line diff", () => {
  it("matches the shared lines and marks the rest on its side", () => {
    expect(lineDiff("a\nb\nc", "a\nx\ny\nc")).toEqual({
      a: [
        { text: "a", changed: false },
        { text: "b", changed: true },
        { text: "c", changed: false },
      ],
      b: [
        { text: "a", changed: false },
        { text: "x", changed: true },
        { text: "y", changed: true },
        { text: "c", changed: false },
      ],
    });
    expect(lineDiff(null, "new")).toEqual({ a: [], b: [{ text: "new", changed: true }] });
  });

  it("lists only the typed fields whose values differ", () => {
    expect(dataDifferences({ ok: true, n: [1] }, { ok: true, n: [2], extra: "x" })).toEqual([
      { field: "extra", a: undefined, b: "x" },
      { field: "n", a: [1], b: [2] },
    ]);
  });
});

describe("the run page's link to the Compare view", () => {
  it("links a fork to it beside its original, and shows nothing on a run that is not a fork", () => {
    expect(
      render(createElement(CompareWithOriginalLink, { slug: "acme", run: { id: "run_b", forkedFrom: "run_a" } })),
    ).toContain('href="/w/acme/runs/run_a/compare/run_b"');
    expect(
      render(createElement(CompareWithOriginalLink, { slug: "acme", run: { id: "run_a", forkedFrom: null } })),
    ).toBe("");
  });
});
