import { describe, expect, it } from "vitest";
import { ARCHITECTURE_IDS } from "@/lib/graph/architectures";
import { checkGraph } from "@/lib/graph/check-graph";
import { END, type Graph } from "@/lib/graph/types";
import { connect, newNode, removeNode, toDraft, toGraph, updateEdge, updateNode, type Draft } from "./draft";
import { NODE_WIDTH, nodeHeight } from "../graph-layout";
import { autoLayout, keyedGraph, placeNew } from "./layout-draft";
import { GRAPH_TEMPLATES, templateGraph } from "./templates";
import { draftProblems, indexProblems, problemsFromFieldErrors } from "./validate";

const issues = (graph: Graph): string[] => checkGraph(graph).map((i) => i.message);

const byId = (draft: Draft, id: string) => draft.nodes.find((n) => n.id === id)!;

describe("templates", () => {
  it.each([...GRAPH_TEMPLATES.map((t) => t.id), ...ARCHITECTURE_IDS])("%s passes the API's graph checks", (id) => {
    const graph = templateGraph(id);
    expect(issues(graph)).toEqual([]);
    expect(draftProblems(toDraft(graph))).toEqual([]);
  });

  it("the refinement loop goes back from both branches to refine, and ends from classify", () => {
    const g = templateGraph("loop");
    expect(g.edges.filter((e) => e.to === "refine").map((e) => e.from)).toEqual(["draft", "fact-check", "restyle"]);
    expect(g.edges.filter((e) => e.from === "classify").map((e) => e.to)).toEqual(["fact-check", "restyle", END]);
  });
});

describe("draft ↔ graph", () => {
  it("keeps the workflow's response tone and a node's own, and leaves out a blank one", () => {
    const graph: Graph = {
      start: "a",
      responseTone: "executive",
      nodes: [
        { id: "a", role: "writer", systemPrompt: "Write.", responseTone: "friendly" },
        { id: "b", role: "editor", systemPrompt: "Edit." },
      ],
      edges: [
        { from: "a", to: "b" },
        { from: "b", to: END },
      ],
      maxSteps: 10,
      maxVisitsPerNode: 2,
    };
    const draft = toDraft(graph);
    expect(draft.responseTone).toBe("executive");
    expect(draft.nodes.map((n) => n.responseTone)).toEqual(["friendly", ""]);
    expect(toGraph(draft)).toEqual(graph);
    const cleared = updateNode({ ...draft, responseTone: "  " }, draft.nodes[0]!.key, { responseTone: "" });
    const back = toGraph(cleared);
    expect(back.responseTone).toBeUndefined();
    expect(back.nodes[0]!.responseTone).toBeUndefined();
  });

  it("round-trips a graph with typed fields, conditions, a join, positions and fields the editor does not show", () => {
    const graph: Graph = {
      start: "score",
      nodes: [
        {
          id: "score",
          role: "scorer",
          systemPrompt: "Score it.",
          model: "claude-haiku-4-5",
          output: { score: "int", ok: "bool", tone: "enum[calm, angry]" },
          position: { x: 10, y: 20 },
          emits: "Scored",
          tools: ["http_request"],
        },
        { id: "high", role: "a", systemPrompt: "A" },
        { id: "calm", role: "b", systemPrompt: "B" },
        { id: "merge", role: "m", systemPrompt: "M", join: "all" },
      ],
      edges: [
        { from: "score", to: "high", when: { field: "score", equals: 5 } },
        { from: "score", to: "calm", when: { field: "ok", equals: true } },
        { from: "score", to: "merge", when: "later" },
        { from: "score", to: END },
        { from: "high", to: "merge" },
        { from: "calm", to: "merge" },
        { from: "merge", to: END },
      ],
      maxSteps: 20,
      maxVisitsPerNode: 3,
      budget: { spend: { usd: 1 } },
    };
    expect(toGraph(toDraft(graph))).toEqual(graph);
  });

  it("renaming a node keeps its edges and the start", () => {
    let draft = toDraft(templateGraph("chain"));
    draft = updateNode(draft, byId(draft, "planner").key, { id: "plan" });
    const g = toGraph(draft);
    expect(g.start).toBe("plan");
    expect(g.edges[0]).toEqual({ from: "plan", to: "writer" });
  });

  it("removing a node removes its edges and moves the start", () => {
    let draft = toDraft(templateGraph("chain"));
    draft = removeNode(draft, byId(draft, "planner").key);
    const g = toGraph(draft);
    expect(g.start).toBe("writer");
    expect(g.edges).toEqual([{ from: "writer", to: END }]);
  });

  it("connect adds an edge once", () => {
    let draft = toDraft(templateGraph("chain"));
    const [a, b] = draft.nodes;
    draft = connect(connect(draft, b!.key, a!.key), b!.key, a!.key);
    expect(toGraph(draft).edges.filter((e) => e.from === "writer")).toHaveLength(2);
  });
});

describe("validation", () => {
  it("marks an unreachable node and tells what to do", () => {
    let draft = toDraft(templateGraph("chain"));
    const node = { ...newNode(draft), role: "critic", systemPrompt: "Criticise." };
    draft = { ...draft, nodes: [...draft.nodes, node] };
    const index = indexProblems(draftProblems(draft));
    expect(index.nodes.get(node.key)?.[0]?.message).toMatch(
      /not reachable from start "planner".*Connect an edge into it/,
    );
    expect(index.nodes.get(node.key)?.[0]?.target).toEqual({ kind: "node", key: node.key, field: "id" });
  });

  it("marks an unknown template reference on the prompt field", () => {
    let draft = toDraft(templateGraph("chain"));
    const writer = byId(draft, "writer");
    draft = updateNode(draft, writer.key, { systemPrompt: "Use {{ plannr.output }}" });
    const [problem] = draftProblems(draft);
    expect(problem).toEqual({
      target: { kind: "node", key: writer.key, field: "systemPrompt" },
      message: expect.stringMatching(/unknown node "plannr".*Use the id of an existing node/),
    });
  });

  it("a router without a way to END is marked", () => {
    let draft = toDraft(templateGraph("route"));
    const classify = byId(draft, "classify");
    for (const e of draft.edges.filter((e) => e.to === END)) draft = updateEdge(draft, e.key, { to: classify.key });
    const index = indexProblems(draftProblems(draft));
    expect(index.nodes.get(classify.key)?.[0]?.message).toMatch(/"classify" has no way to END\. Add an edge/);
  });

  it("shape rules: a bad id, a blank role, a bad output type, a blank condition, a cap out of range", () => {
    let draft = toDraft(templateGraph("route"));
    const classify = byId(draft, "classify");
    draft = updateNode(draft, classify.key, {
      id: "Classify!",
      role: " ",
      output: [{ key: "f1", name: "label", type: "string" }],
    });
    const edge = draft.edges[0]!;
    draft = updateEdge(draft, edge.key, { when: "text", text: "" });
    draft = { ...draft, maxSteps: "0" };
    const index = indexProblems(draftProblems(draft));
    const fields = (index.nodes.get(classify.key) ?? []).map((p) => p.target.field);
    expect(fields).toEqual(expect.arrayContaining(["id", "role", "output.f1"]));
    expect(index.edges.get(edge.key)?.[0]?.target.field).toBe("when");
    expect(index.graph.map((p) => p.target.field)).toEqual(["maxSteps"]);
  });

  it("maps the API's field errors onto the node and field", () => {
    const draft = toDraft(templateGraph("loop"));
    const problems = problemsFromFieldErrors(draft, {
      "graph.nodes.1.model": "Unknown model",
      "graph.edges.2.when.field": 'Node "classify" declares no output field "x"',
      note: "Too long",
    });
    expect(problems.map((p) => p.target)).toEqual([
      { kind: "node", key: draft.nodes[1]!.key, field: "model" },
      { kind: "edge", key: draft.edges[2]!.key, field: "when" },
    ]);
  });
});

describe("layout", () => {
  it("auto layout places every node top to bottom and END below the loop's exit", () => {
    const { draft, end } = autoLayout(toDraft(templateGraph("loop")), "claude-sonnet-4-6");
    const y = (id: string) => byId(draft, id).position.y;
    expect(draft.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    expect(y("draft")).toBeLessThan(y("refine"));
    expect(y("refine")).toBeLessThan(y("classify"));
    expect(end.y).toBeGreaterThan(y("classify"));
    // Saved with the version.
    expect(toGraph(draft).nodes[0]!.position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
  });

  it("lays out a draft with duplicate ids and an edge to a missing node", () => {
    let draft = toDraft(templateGraph("chain"));
    draft = updateNode(draft, draft.nodes[1]!.key, { id: "planner" });
    draft = { ...draft, edges: [...draft.edges, { ...draft.edges[0]!, key: "x", to: "gone" }] };
    expect(keyedGraph(draft).edges).toHaveLength(2);
    const placed = autoLayout(draft, "m").draft;
    expect(new Set(placed.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(2);
    expect(placeNew(placed, placed.nodes[0]!.key).y).toBeGreaterThan(placed.nodes[0]!.position.y);
  });

  it("places an added node below the chosen one where it covers no node and not END", () => {
    const box = (p: { x: number; y: number }, w: number, h: number) => ({ ...p, r: p.x + w, b: p.y + h });
    const apart = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
      a.r <= b.x || b.r <= a.x || a.b <= b.y || b.b <= a.y;
    for (const template of GRAPH_TEMPLATES) {
      const { draft, end } = autoLayout(toDraft(templateGraph(template.id)), "m");
      const graph = toGraph(draft);
      const boxes = [
        ...draft.nodes.map((n, i) => box(n.position, NODE_WIDTH, nodeHeight(graph.nodes[i]!))),
        box(end, 64, 64),
      ];
      for (const near of [null, ...draft.nodes.map((n) => n.key)]) {
        const at = placeNew(draft, near, [end]);
        const mine = box(at, NODE_WIDTH, nodeHeight({ id: "", role: "", systemPrompt: "" }));
        expect(
          boxes.every((b) => apart(mine, b)),
          `${template.id} near ${near}`,
        ).toBe(true);
        const anchor = draft.nodes.find((n) => n.key === near);
        if (anchor) expect(at.y).toBeGreaterThan(anchor.position.y);
      }
    }
  });
});
