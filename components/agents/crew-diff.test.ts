import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { VersionRef } from "@/lib/queries/agent-types";
import { CrewDiff } from "./crew-diff";

const node = (id: string, role: string) => ({ id, role, systemPrompt: `You are the ${role}.` });

describe("CrewDiff", () => {
  it("shows a graph version's nodes, the added one marked, where a graph has no crew", () => {
    const edges = [{ from: "writer", to: "END" }];
    const from: VersionRef = {
      id: "v1",
      version: 1,
      source: "user",
      crew: null,
      graph: { start: "writer", nodes: [node("writer", "writer")], edges, maxSteps: 50, maxVisitsPerNode: 5 },
    };
    const to: VersionRef = {
      ...from,
      id: "v2",
      version: 2,
      source: "reflection",
      graph: { ...from.graph!, nodes: [node("writer", "writer"), node("reviewer", "reviewer")] },
    };
    const html = renderToString(createElement(CrewDiff, { from, to }));
    expect(html).toContain("writer (writer)");
    expect(html).toMatch(/added: <\/span><span class="font-semibold">reviewer \(reviewer\)/);
  });
});
