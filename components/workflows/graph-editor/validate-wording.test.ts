// The browser installs these field messages for every schema (components/providers.tsx).
import "@/lib/validation/messages";
import { describe, expect, it } from "vitest";
import { END, type Graph } from "@/lib/graph/types";
import { toDraft, updateEdge } from "./draft";
import { draftProblems } from "./validate";

const graph: Graph = {
  start: "plan",
  nodes: [
    { id: "plan", role: "planner", systemPrompt: "Plan it.", output: { ready: "bool" } },
    { id: "write", role: "writer", systemPrompt: "Write it." },
  ],
  edges: [
    { from: "plan", to: "write" },
    { from: "write", to: END },
  ],
  maxSteps: 20,
  maxVisitsPerNode: 3,
};

describe("the editor's wording with the browser's field messages", () => {
  it("a field condition with no field chosen asks for the typed output field", () => {
    const draft = toDraft(graph);
    const edge = draft.edges[0]!;
    const problems = draftProblems(updateEdge(draft, edge.key, { when: "field", field: "", equals: "" }));
    expect(problems).toEqual([
      {
        target: { kind: "edge", key: edge.key, field: "when" },
        message: "Choose the typed output field this edge tests.",
      },
    ]);
  });
});
