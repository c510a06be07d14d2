import { describe, expect, it } from "vitest";
import type { Graph } from "@/lib/workflows/graph/types";
import { walkGraph, type VisitPlan } from "./walk-graph";

const node = (id: string, extra: object = {}) => ({ id, role: id, systemPrompt: id, ...extra });

function graph(nodes: Graph["nodes"], edges: Graph["edges"], start = nodes[0]!.id): Graph {
  return { start, nodes, edges, maxSteps: 50, maxVisitsPerNode: 5 };
}

/** Walks with answers from `answer` and records the waves of visits. */
async function walk(g: Graph, answer: (plan: VisitPlan) => string = () => "") {
  const waves: string[][] = [];
  const plans: VisitPlan[] = [];
  let wave: string[] = [];
  let pending = 0;
  const result = await walkGraph(g, async (plan) => {
    if (pending === 0) waves.push((wave = []));
    pending++;
    wave.push(plan.nodeId);
    plans.push(plan);
    await Promise.resolve();
    pending--;
    return { status: "completed", output: answer(plan) };
  });
  return { result, waves, plans };
}

describe("walkGraph", () => {
  it("a join waits for a longer branch before it runs once with every branch's path", async () => {
    const g = graph(
      [node("s"), node("short"), node("long1"), node("long2"), node("j", { join: "all" })],
      [
        { from: "s", to: "short" },
        { from: "s", to: "long1" },
        { from: "long1", to: "long2" },
        { from: "short", to: "j" },
        { from: "long2", to: "j" },
        { from: "j", to: "END" },
      ],
    );
    const { result, waves, plans } = await walk(g);
    expect(waves).toEqual([["s"], ["short", "long1"], ["long2"], ["j"]]);
    const join = plans.find((p) => p.nodeId === "j")!;
    expect(join.path).toEqual([0, 1, 2, 3]);
    expect(join.branch).toBeNull();
    expect(plans.find((p) => p.nodeId === "long2")!.branch).toBe("long1");
    expect(result).toEqual({ status: "completed", endSteps: [join.index] });
  });

  it("numbers loop visits per node and gives the same plans when replayed with the same answers", async () => {
    const g = graph(
      [node("a"), node("judge")],
      [
        { from: "a", to: "judge" },
        { from: "judge", to: "a", when: "again" },
        { from: "judge", to: "END", when: "done" },
      ],
    );
    const answer = (p: VisitPlan) => (p.nodeId === "judge" && p.visit === 3 ? "done" : "again");
    const first = await walk(g, answer);
    const second = await walk(g, answer);
    expect(first.plans).toEqual(second.plans);
    expect(first.plans.map((p) => `${p.nodeId}#${p.visit}`)).toEqual([
      "a#1",
      "judge#1",
      "a#2",
      "judge#2",
      "a#3",
      "judge#3",
    ]);
    expect(first.result).toEqual({ status: "completed", endSteps: [5] });
  });

  it("stops when a visit does not complete", async () => {
    const g = graph(
      [node("a"), node("b")],
      [
        { from: "a", to: "b" },
        { from: "b", to: "END" },
      ],
    );
    const result = await walkGraph(g, async () => ({ status: "cancelled" }));
    expect(result).toEqual({ status: "stopped" });
  });

  it("fails a routing dead end with its own error code, naming the node and its answer", async () => {
    const g = graph(
      [node("classify"), node("billing")],
      [
        { from: "classify", to: "billing", when: "billing" },
        { from: "billing", to: "END" },
      ],
    );
    const { result } = await walk(g, () => "weather");
    expect(result).toEqual({
      status: "failed",
      code: "no_matching_edge",
      error: 'Node "classify" answered "weather", which matches none of its edges, and it has no default edge',
    });
  });
});
