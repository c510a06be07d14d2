import { describe, expect, it } from "vitest";
import type { RunStep } from "@/lib/queries/workflow-types";
import { formatDataValue, isGraphRun, nextNodes, pathItems, pathSegments, visitCounts, visitedPath } from "./run-path";

function step(index: number, fields: Partial<RunStep> = {}): RunStep {
  return {
    id: `s${index}`,
    index,
    role: "agent",
    model: "claude-sonnet-4-6",
    nodeId: `agent-${index + 1}`,
    visit: 1,
    branch: null,
    data: null,
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
    ...fields,
  };
}

// Three researchers fanned out from `plan`, merged by `writer`.
const parallel = [
  step(0, { nodeId: "plan", visit: 1, branch: null }),
  step(1, { nodeId: "market", visit: 1, branch: "market" }),
  step(2, { nodeId: "tech", visit: 1, branch: "tech" }),
  step(3, { nodeId: "legal", visit: 1, branch: "legal" }),
  step(4, { nodeId: "tech-check", visit: 1, branch: "tech" }),
  step(5, { nodeId: "writer", visit: 1, branch: null }),
];

describe("isGraphRun", () => {
  it("tells a crew run (or one from an older server) from a graph run", () => {
    expect(isGraphRun({ steps: [step(0), step(1)] })).toBe(false);
    expect(isGraphRun({ steps: [step(0, { nodeId: "agent-1", visit: 1, branch: null, data: null })] })).toBe(false);
    expect(isGraphRun({ steps: [step(0, { nodeId: "classify" })] })).toBe(true);
    expect(isGraphRun({ steps: [step(0, { nodeId: "agent-1" }), step(1, { nodeId: "agent-1", visit: 2 })] })).toBe(
      true,
    );
  });
});

describe("visitedPath and pathItems", () => {
  it("numbers loop iterations per node", () => {
    expect(pathItems(["a", "b", "classify", "c", "b", "classify"])).toEqual([
      { nodeId: "a", visit: 1 },
      { nodeId: "b", visit: 1 },
      { nodeId: "classify", visit: 1 },
      { nodeId: "c", visit: 1 },
      { nodeId: "b", visit: 2 },
      { nodeId: "classify", visit: 2 },
    ]);
  });

  it("lists the nodes in the order the transcript numbers the steps, `visited` before any step", () => {
    expect(visitedPath({ visited: ["classify", "billing"], steps: [] })).toEqual(["classify", "billing"]);
    expect(visitedPath({ visited: [], steps: [step(0), step(1, { nodeId: "x" })] })).toEqual(["agent-1", "x"]);
    // The engine recorded the branches in the order it fanned out; the steps in the order they ran.
    const visited = ["plan", "legal", "market", "tech", "tech-check", "writer"];
    expect(visitedPath({ visited, steps: parallel })).toEqual([
      "plan",
      "market",
      "tech",
      "legal",
      "tech-check",
      "writer",
    ]);
  });
});

describe("pathSegments", () => {
  it("puts a fan-out's steps in one lane per branch, in the order branches started", () => {
    const segments = pathSegments(parallel);
    expect(segments.map((s) => s.kind)).toEqual(["step", "parallel", "step"]);
    const lanes = segments[1]!.kind === "parallel" ? segments[1]!.lanes : [];
    expect(lanes.map((l) => [l.branch, l.steps.map((s) => s.nodeId)])).toEqual([
      ["market", ["market"]],
      ["tech", ["tech", "tech-check"]],
      ["legal", ["legal"]],
    ]);
  });

  it("keeps two fan-outs apart when a join runs between them", () => {
    const twice = [
      step(0, { nodeId: "a", branch: "a" }),
      step(1, { nodeId: "b", branch: "b" }),
      step(2, { nodeId: "join" }),
      step(3, { nodeId: "a", visit: 2, branch: "a" }),
    ];
    expect(pathSegments(twice).map((s) => (s.kind === "parallel" ? s.lanes.length : "step"))).toEqual([2, "step", 1]);
  });

  it("leaves a crew's steps one after another", () => {
    expect(pathSegments([step(0), step(1)]).map((s) => s.kind)).toEqual(["step", "step"]);
  });
});

describe("nextNodes", () => {
  it("names the branch a router took, the lanes a fan-out opened and END after the last", () => {
    const triage = [step(0, { nodeId: "classify", output: "billing" }), step(1, { nodeId: "billing" })];
    expect([...nextNodes({ steps: triage, status: "completed" })]).toEqual([
      ["s0", ["billing"]],
      ["s1", ["END"]],
    ]);
    expect([...nextNodes({ steps: triage, status: "running" })]).toEqual([["s0", ["billing"]]]);
    expect(nextNodes({ steps: parallel, status: "completed" }).get("s0")).toEqual(["market", "tech", "legal"]);
    expect(nextNodes({ steps: parallel, status: "completed" }).has("s1")).toBe(false);
  });
});

describe("visitCounts and formatDataValue", () => {
  it("counts visits per node", () => {
    const counts = visitCounts([
      step(0, { nodeId: "b" }),
      step(1, { nodeId: "b", visit: 2 }),
      step(2, { nodeId: "c" }),
    ]);
    expect(Object.fromEntries(counts)).toEqual({ b: 2, c: 1 });
  });

  it("shows typed values as text", () => {
    expect(formatDataValue("high")).toBe("high");
    expect(formatDataValue(["a", "b"])).toBe("a, b");
    expect(formatDataValue(3)).toBe("3");
    expect(formatDataValue(false)).toBe("false");
    expect(formatDataValue(null)).toBe("null");
  });
});
