import { describe, expect, it } from "vitest";
import type { Graph, Run, RunStep } from "@/lib/queries/workflow-types";
import { edgeKey, failedNodeOf, runGraph } from "./run-graph";

function step(index: number, nodeId: string, fields: Partial<RunStep> = {}): RunStep {
  return {
    id: `s${index}`,
    index,
    role: nodeId,
    model: "m",
    data: null,
    status: "completed",
    inputSize: 1,
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
    durationMs: 1,
    nodeId,
    visit: 1,
    branch: null,
    ...fields,
  };
}

const graphOf = (edges: [string, string][], extra: string[] = []): Graph => ({
  start: edges[0]![0],
  nodes: [...new Set([...edges.flat(), ...extra])]
    .filter((id) => id !== "END")
    .map((id) => ({ id, role: id, systemPrompt: "." })),
  edges: edges.map(([from, to]) => ({ from, to })),
  maxSteps: 50,
  maxVisitsPerNode: 5,
});

type RunPart = Pick<Run, "status" | "error" | "errorStepIndex" | "steps">;
const run = (steps: RunStep[], more: Partial<RunPart> = {}): RunPart => ({
  status: "completed",
  error: null,
  errorStepIndex: null,
  steps,
  ...more,
});

const taken = (g: ReturnType<typeof runGraph>) =>
  [...g.edges.values()].map((e) => `${e.from}→${e.to}${e.steps.length ? ` ${e.steps.join(",")}` : ""}`);

// Seed 001's refinement loop.
const loop = graphOf([
  ["a", "b"],
  ["b", "classify"],
  ["classify", "c"],
  ["classify", "d"],
  ["classify", "END"],
  ["c", "b"],
  ["d", "b"],
]);

describe("runGraph", () => {
  it("follows a route: the edges taken numbered by the step they led to, END after a completed run, the rest unvisited", () => {
    const triage = graphOf([
      ["classify", "billing"],
      ["classify", "tech"],
      ["billing", "END"],
      ["tech", "END"],
    ]);
    const g = runGraph(triage, run([step(0, "classify"), step(1, "billing")]));
    expect(taken(g)).toEqual(["classify→billing 2", "billing→END"]);
    expect(g.nodes.get("classify")!.status).toBe("visited");
    expect(g.nodes.get("tech")!).toMatchObject({ status: "unvisited", steps: [] });
    expect(g.failedNode).toBeNull();
    // Still running: no END yet, the running node says so.
    const live = runGraph(
      triage,
      run([step(0, "classify"), step(1, "billing", { status: "running" })], { status: "running" }),
    );
    expect(taken(live)).toEqual(["classify→billing 2"]);
    expect(live.nodes.get("billing")!.status).toBe("running");
  });

  it("counts a loop's visits and numbers each pass over an edge", () => {
    const steps = ["a", "b", "classify", "c", "b", "classify"].map((id, i) =>
      step(i, id, { visit: id === "b" || id === "classify" ? (i > 3 ? 2 : 1) : 1 }),
    );
    const g = runGraph(loop, run(steps));
    expect(taken(g)).toEqual(["a→b 2", "b→classify 3,6", "classify→c 4", "c→b 5", "classify→END"]);
    expect(g.nodes.get("b")!.steps.map((s) => s.index)).toEqual([1, 4]);
    expect(g.nodes.get("d")!.status).toBe("unvisited");
  });

  it("reads a parallel fan-out: every branch from the dispatcher, each lane in order, the join from every lane", () => {
    const fan = graphOf([
      ["plan", "market"],
      ["plan", "tech"],
      ["plan", "legal"],
      ["market", "writer"],
      ["tech", "tech-check"],
      ["tech-check", "writer"],
      ["legal", "writer"],
      ["writer", "END"],
    ]);
    const steps = [
      step(0, "plan"),
      step(1, "market", { branch: "market" }),
      step(2, "tech", { branch: "tech" }),
      step(3, "legal", { branch: "legal" }),
      step(4, "tech-check", { branch: "tech" }),
      step(5, "writer"),
    ];
    const g = runGraph(fan, run(steps));
    expect(taken(g)).toEqual([
      "plan→market 2",
      "plan→tech 3",
      "plan→legal 4",
      "tech→tech-check 5",
      "market→writer 6",
      "tech-check→writer 6",
      "legal→writer 6",
      "writer→END",
    ]);
    expect(g.nodes.get("market")!.parallel).toBe(true);
    expect(g.nodes.get("writer")!.parallel).toBe(false);
    expect(g.edges.has(edgeKey("tech", "writer"))).toBe(false);
  });

  it("marks the node a step failed at, with the run's error", () => {
    const steps = [step(0, "a"), step(1, "b", { status: "failed", error: "Model refused" })];
    const r = run(steps, { status: "failed", error: "Step 2 of 2 (b) failed: Model refused", errorStepIndex: 1 });
    const g = runGraph(loop, r);
    expect(g.failedNode).toBe("b");
    expect(g.nodes.get("b")).toMatchObject({ status: "failed", error: "Step 2 of 2 (b) failed: Model refused" });
    expect(g.nodes.get("a")!.error).toBeNull();
    expect(taken(g)).toEqual(["a→b 2"]);
  });

  it("marks the node a cap stopped, which has no failed step of its own", () => {
    const steps = ["a", "b", "classify", "c", "b", "classify", "c"].map((id, i) => step(i, id));
    const error = 'Node "b" hit the cap maxVisitsPerNode (2 visits of one node)';
    const r = run(steps, { status: "failed", error });
    expect(failedNodeOf(r)).toBe("b");
    expect(runGraph(loop, r).nodes.get("b")).toMatchObject({ status: "failed", error });
    expect(failedNodeOf({ ...r, status: "cancelled" })).toBeNull();
    expect(failedNodeOf({ ...r, error: "The engine stopped." })).toBeNull();
  });
});
