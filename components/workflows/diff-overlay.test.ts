import { describe, expect, it } from "vitest";
import { editableGraph } from "@/lib/queries/workflow-graph";
import type { Graph } from "@/lib/queries/workflow-types";
import { diffGraphs } from "@/lib/workflows/graph/diff-graphs";
import { overlayEdgeKey } from "./diagram-overlay";
import { conditionText, diffDiagram } from "./diff-overlay";

const before: Graph = {
  start: "classify",
  nodes: [
    { id: "classify", role: "classifier", systemPrompt: "Reply billing or tech." },
    { id: "billing", role: "billing agent", systemPrompt: "Handle billing.", position: { x: 0, y: 0 } },
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

const after: Graph = {
  ...before,
  nodes: [
    { ...before.nodes[0]!, role: "router" },
    { ...before.nodes[1]!, position: { x: 1, y: 2 } },
    { id: "reviewer", role: "reviewer", systemPrompt: "Review." },
  ],
  edges: [
    { from: "classify", to: "billing", when: { field: "team", equals: "billing" } },
    { from: "billing", to: "reviewer" },
    { from: "reviewer", to: "END" },
  ],
};

describe("diffDiagram", () => {
  it("draws the newer graph plus what was removed, each node and edge marked with a word", () => {
    const { graph, overlay } = diffDiagram(before, after, diffGraphs(editableGraph(before), editableGraph(after)));
    expect(graph.nodes.map((n) => n.id)).toEqual(["classify", "billing", "reviewer", "tech"]);
    expect(graph.edges.map((e) => `${e.from}→${e.to}`)).toEqual([
      "classify→billing",
      "billing→reviewer",
      "reviewer→END",
      "classify→tech",
      "billing→END",
      "tech→END",
    ]);
    expect(Object.fromEntries([...overlay.nodes].map(([id, o]) => [id, [o.tone, o.badges.join(" ")]]))).toEqual({
      reviewer: ["added", "+ added"],
      tech: ["removed", "− removed"],
      classify: ["changed", "~ role"],
      billing: ["moved", "moved"],
    });
    expect(overlay.edges.get(overlayEdgeKey("billing", "reviewer"))).toMatchObject({ tone: "added", label: "+" });
    expect(overlay.edges.get(overlayEdgeKey("tech", "END"))).toMatchObject({ tone: "removed", label: "−" });
    expect(overlay.edges.get(overlayEdgeKey("classify", "billing"))).toMatchObject({
      tone: "changed",
      label: "was “billing”",
      describe: "condition changed from “billing”",
    });
  });

  it("marks nothing when the first save gives automatically laid-out nodes their positions", () => {
    const laidOut: Graph = {
      ...before,
      nodes: before.nodes.map((n, i) => (i === 1 ? n : { ...n, position: { x: 100 * i, y: 50 } })),
    };
    const { overlay } = diffDiagram(before, laidOut, diffGraphs(editableGraph(before), editableGraph(laidOut)));
    expect([...overlay.nodes.keys()]).toEqual([]);
  });

  it("reads a condition as a sentence", () => {
    expect(conditionText({ when: "done" })).toBe("“done”");
    expect(conditionText({ when: { field: "ok", equals: true } })).toBe("ok = true");
    expect(conditionText({ when: undefined })).toBe("always");
  });
});
