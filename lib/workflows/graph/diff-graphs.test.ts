import { describe, expect, it } from "vitest";
import { diffGraphs } from "./diff-graphs";
import type { Graph } from "./types";

const triage: Graph = {
  start: "classify",
  nodes: [
    { id: "classify", role: "classifier", systemPrompt: "Reply billing or tech.", model: "claude-haiku-4-5" },
    { id: "billing", role: "billing agent", systemPrompt: "Handle billing." },
    { id: "tech", role: "tech agent", systemPrompt: "Handle tech." },
  ],
  edges: [
    { from: "classify", to: "billing", when: "billing" },
    { from: "classify", to: "tech", when: "tech" },
    { from: "billing", to: "END" },
    { from: "tech", to: "END" },
  ],
  maxSteps: 50,
  maxVisitsPerNode: 5,
};

const clone = (g: Graph): Graph => structuredClone(g);

describe("diffGraphs", () => {
  it("finds nothing between a graph and its copy", () => {
    const d = diffGraphs(triage, clone(triage));
    expect(d.same).toBe(true);
    expect(d.nodes).toEqual({ added: [], removed: [], changed: [], moved: [] });
    expect(d.edges).toEqual({ added: [], removed: [], changed: [] });
    expect(d.settings).toEqual([]);
  });

  it("names added and removed nodes and edges", () => {
    const b = clone(triage);
    b.nodes = b.nodes.filter((n) => n.id !== "tech");
    b.nodes.push({ id: "reviewer", role: "reviewer", systemPrompt: "Review." });
    b.edges = [
      { from: "classify", to: "billing", when: "billing" },
      { from: "billing", to: "reviewer" },
      { from: "reviewer", to: "END" },
    ];
    const d = diffGraphs(triage, b);
    expect(d.same).toBe(false);
    expect(d.nodes.added).toEqual(["reviewer"]);
    expect(d.nodes.removed).toEqual(["tech"]);
    expect(d.nodes.changed).toEqual([]);
    expect(d.edges.added).toEqual([
      { from: "billing", to: "reviewer" },
      { from: "reviewer", to: "END" },
    ]);
    expect(d.edges.removed).toEqual([
      { from: "classify", to: "tech", when: "tech" },
      { from: "billing", to: "END" },
      { from: "tech", to: "END" },
    ]);
  });

  it("names each changed field of a node, whatever order its output or tools are in", () => {
    const a = clone(triage);
    a.nodes[1] = { ...a.nodes[1]!, output: { amount: "int", reason: "str" }, tools: ["http_request", "mcp:crm"] };
    const b = clone(a);
    b.nodes[0] = {
      ...b.nodes[0]!,
      role: "router",
      systemPrompt: "Reply billing, tech or other.",
      model: "claude-sonnet-4-6",
      join: "all",
      emits: "Classified",
      budget: { spend: { usd: 1 } },
    };
    b.nodes[1] = { ...b.nodes[1]!, output: { reason: "str", amount: "int" }, tools: ["mcp:crm", "http_request"] };
    b.nodes[2] = { ...b.nodes[2]!, output: { severity: "enum[low, high]" }, tools: ["http_request"] };
    const d = diffGraphs(a, b);
    expect(d.nodes.changed).toEqual([
      { id: "classify", fields: ["role", "prompt", "model", "join", "emits", "budget"] },
      { id: "tech", fields: ["output", "tools"] },
    ]);
  });

  it("reads a position change alone as a move, not a change", () => {
    const a = clone(triage);
    a.nodes[0]!.position = { x: 0, y: 0 };
    const b = clone(a);
    b.nodes[0]!.position = { x: 120, y: 40 };
    a.nodes[1]!.position = { x: 0, y: 100 };
    b.nodes[1]!.position = { x: 10, y: 200 };
    b.nodes[2] = { ...b.nodes[2]!, role: "support agent", position: { x: 300, y: 200 } };
    const d = diffGraphs(a, b);
    expect(d.nodes.moved).toEqual(["classify", "billing"]);
    expect(d.nodes.changed).toEqual([{ id: "tech", fields: ["role"] }]);
    expect(
      diffGraphs(a, { ...clone(a), nodes: a.nodes.map((n, i) => (i ? n : { ...n, position: { x: 5, y: 5 } })) }).same,
    ).toBe(true);
  });

  it("does not read a first position (after automatic layout) or a dropped one as a move", () => {
    const b = clone(triage);
    b.nodes = b.nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 } }));
    const d = diffGraphs(triage, b);
    expect(d.nodes.moved).toEqual([]);
    expect(d.same).toBe(true);
    expect(diffGraphs(b, triage).nodes.moved).toEqual([]);
  });

  it("reports an edge whose condition changed, and the graph's caps, start, trigger and budget", () => {
    const b = clone(triage);
    b.edges[1] = { from: "classify", to: "tech", when: { field: "team", equals: "tech" } };
    b.edges[2] = { from: "billing", to: "END", when: "done" };
    b.maxSteps = 20;
    b.maxVisitsPerNode = 2;
    b.trigger = { event: "Ticket" };
    b.budget = { wall_clock: 5 };
    b.start = "billing";
    const d = diffGraphs(triage, b);
    expect(d.edges.changed).toEqual([
      { from: "classify", to: "tech", before: "tech", after: { field: "team", equals: "tech" } },
      { from: "billing", to: "END", before: undefined, after: "done" },
    ]);
    expect(d.edges.added).toEqual([]);
    expect(d.settings).toEqual([
      { setting: "start", before: "classify", after: "billing" },
      { setting: "maxSteps", before: 50, after: 20 },
      { setting: "maxVisitsPerNode", before: 5, after: 2 },
      { setting: "trigger", before: undefined, after: { event: "Ticket" } },
      { setting: "budget", before: undefined, after: { wall_clock: 5 } },
    ]);
  });

  it("treats an empty output or tool list as none, and a missing model as unchanged only when both lack one", () => {
    const a = clone(triage);
    const b = clone(triage);
    b.nodes[1] = { ...b.nodes[1]!, output: {}, tools: [] };
    expect(diffGraphs(a, b).same).toBe(true);
    b.nodes[2] = { ...b.nodes[2]!, model: "claude-haiku-4-5" };
    expect(diffGraphs(a, b).nodes.changed).toEqual([{ id: "tech", fields: ["model"] }]);
  });
});
