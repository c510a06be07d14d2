import { describe, expect, it } from "vitest";
import { crewGraph } from "@/lib/queries/workflow-graph";
import type { Graph } from "@/lib/queries/workflow-types";
import { edgeLabel } from "./edge-label";
import { layoutGraph, nodeHeight } from "./graph-layout";

const triage: Graph = {
  start: "classify",
  nodes: [
    {
      id: "classify",
      role: "classifier",
      systemPrompt: "Reply 'billing' or 'tech'.",
      model: { provider: "anthropic", model: "claude-haiku-4-5" },
    },
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

// Seed 001's refinement loop: A → B → classify → C | D | END, C and D back to B.
const loop: Graph = {
  start: "a",
  nodes: ["a", "b", "classify", "c", "d"].map((id) => ({ id, role: id, systemPrompt: "." })),
  edges: [
    { from: "a", to: "b" },
    { from: "b", to: "classify" },
    { from: "classify", to: "c", when: "c" },
    { from: "classify", to: "d", when: { field: "verdict", equals: "d" } },
    { from: "classify", to: "END" },
    { from: "c", to: "b" },
    { from: "d", to: "b" },
  ],
  maxSteps: 50,
  maxVisitsPerNode: 5,
};

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));

describe("layoutGraph", () => {
  it("places a router above its branches and END below them, with the model each node runs", () => {
    const { nodes, edges } = layoutGraph(triage, "claude-sonnet-4-6");
    const n = byId(nodes);
    expect([...n.keys()]).toEqual(["classify", "billing", "tech", "END"]);
    expect(n.get("END")!.type).toBe("end");
    expect(n.get("classify")!.position.y).toBeLessThan(n.get("billing")!.position.y);
    expect(n.get("billing")!.position.y).toBe(n.get("tech")!.position.y);
    expect(n.get("billing")!.position.x).not.toBe(n.get("tech")!.position.x);
    expect(n.get("billing")!.position.y).toBeLessThan(n.get("END")!.position.y);
    const classify = n.get("classify")!;
    const billing = n.get("billing")!;
    expect(classify.type === "agent" && classify.data).toMatchObject({ model: "claude-haiku-4-5", start: true });
    expect(billing.type === "agent" && billing.data).toMatchObject({
      model: "claude-sonnet-4-6",
      inheritsModel: true,
      start: false,
    });
    expect(edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ["classify", "billing", "“billing”"],
      ["classify", "tech", "“tech”"],
      ["billing", "END", undefined],
      ["tech", "END", undefined],
    ]);
    expect(classify.ariaLabel).toBe("Node classify: classifier, start");
  });

  it("an approval node's card says it is an approval and who may answer, never a model", () => {
    const reviewed: Graph = {
      ...triage,
      nodes: [
        ...triage.nodes,
        { id: "review", kind: "approval", role: "editor", systemPrompt: "Ship it?", approvers: ["owner", "admin"] },
        { id: "anyone", kind: "approval", role: "reader", systemPrompt: "Fine?" },
      ],
      edges: [
        ...triage.edges.filter((e) => e.from !== "billing"),
        { from: "billing", to: "review" },
        { from: "review", to: "anyone", when: "approved" },
        { from: "review", to: "END", when: "rejected" },
        { from: "anyone", to: "END" },
      ],
    };
    const n = byId(layoutGraph(reviewed, "claude-sonnet-4-6").nodes);
    const review = n.get("review")!;
    expect(review.type === "agent" && review.data).toMatchObject({
      approval: "approval · owner or admin may answer",
      model: "",
      inheritsModel: false,
    });
    expect(review.ariaLabel).toBe("Node review: editor, approval: owner or admin may answer");
    const anyone = n.get("anyone")!;
    expect(anyone.type === "agent" && anyone.data.approval).toBe("approval · any member may answer");
    const billing = n.get("billing")!;
    expect(billing.type === "agent" && billing.data.approval).toBeNull();
  });

  it("keeps a loop's body in order and dashes the edges that go back", () => {
    const { nodes, edges } = layoutGraph(loop, "m");
    const y = (id: string) => byId(nodes).get(id)!.position.y;
    expect(y("a")).toBeLessThan(y("b"));
    expect(y("b")).toBeLessThan(y("classify"));
    expect(y("classify")).toBeLessThan(y("c"));
    const dashed = edges.filter((e) => e.style?.strokeDasharray).map((e) => `${e.source}→${e.target}`);
    expect(dashed).toEqual(["c→b", "d→b"]);
    expect(edges.find((e) => e.source === "classify" && e.target === "END")!.label).toBe("default");
    expect(edges.find((e) => e.target === "d")!.label).toBe('verdict = "d"');
    expect(edges.find((e) => e.source === "c")!.ariaLabel).toBe("c to b (loops back)");
  });

  it("uses the editor's positions when every node has one, END below the nodes that lead to it", () => {
    const placed: Graph = {
      ...triage,
      nodes: triage.nodes.map((n, i) => ({ ...n, position: { x: i * 300, y: i === 0 ? 0 : 200 } })),
    };
    const n = byId(layoutGraph(placed, "m").nodes);
    expect(n.get("classify")!.position).toEqual({ x: 0, y: 0 });
    expect(n.get("tech")!.position).toEqual({ x: 600, y: 200 });
    // Between billing (x 300) and tech (x 600), under the lower of them.
    expect(n.get("END")!.position.x).toBe(450 + 120 - 32);
    expect(n.get("END")!.position.y).toBeGreaterThan(200 + nodeHeight(triage.nodes[1]!));

    // One node without a position: dagre lays them all out, ignoring the others' positions.
    const half: Graph = {
      ...placed,
      nodes: placed.nodes.map((node, i) => (i === 2 ? { ...node, position: undefined } : node)),
    };
    const m = byId(layoutGraph(half, "m").nodes);
    expect(m.get("classify")!.position).toEqual(byId(layoutGraph(triage, "m").nodes).get("classify")!.position);
  });

  it("draws a crew as its chain down to END", () => {
    const graph = crewGraph([
      { role: "planner", systemPrompt: "Plan." },
      { role: "writer", systemPrompt: "Write.", model: { provider: "anthropic", model: "claude-opus-4-7" } },
    ]);
    const { nodes, edges } = layoutGraph(graph, "claude-sonnet-4-6");
    expect(nodes.map((n) => n.id)).toEqual(["agent-1", "agent-2", "END"]);
    expect(edges.map((e) => `${e.source}→${e.target}`)).toEqual(["agent-1→agent-2", "agent-2→END"]);
  });
});

describe("nodeHeight and edgeLabel", () => {
  it("grows with typed output fields and a join mark", () => {
    const plain = nodeHeight({ id: "x", role: "r", systemPrompt: "." });
    const typed = nodeHeight({ id: "x", role: "r", systemPrompt: ".", output: { a: "str", b: "int" } });
    const join = nodeHeight({ id: "x", role: "r", systemPrompt: ".", join: "all" });
    expect(typed).toBeGreaterThan(plain);
    expect(join).toBeGreaterThan(plain);
  });

  it("labels an unconditional edge only beside conditional ones", () => {
    const fanOut = [
      { from: "s", to: "a" },
      { from: "s", to: "b" },
    ];
    expect(edgeLabel(fanOut[0]!, fanOut)).toBeUndefined();
    expect(edgeLabel({ from: "s", to: "x", when: { field: "ok", equals: true } }, [])).toBe("ok = true");
  });
});
