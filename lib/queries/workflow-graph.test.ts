import { describe, expect, it } from "vitest";
import { editableGraph, modelDisplay, modelText, servedGraph } from "./workflow-graph";
import type { Graph } from "./workflow-types";

const served: Graph = {
  start: "a",
  nodes: [
    { id: "a", role: "writer", systemPrompt: "Write.", model: { provider: "anthropic", model: "claude-opus-4-7" } },
    {
      id: "b",
      role: "checker",
      systemPrompt: "Check.",
      model: { provider: "openai", model: "gpt-4o", baseUrl: "https://gateway.example.com/v1" },
    },
    { id: "c", role: "closer", systemPrompt: "Close." },
  ],
  edges: [
    { from: "a", to: "b" },
    { from: "b", to: "c" },
    { from: "c", to: "END" },
  ],
  maxSteps: 10,
  maxVisitsPerNode: 2,
};

describe("models as the API serves them", () => {
  it("labels a model by its id, with its provider when the id does not imply it, and its key and endpoint", () => {
    expect(modelDisplay({ provider: "anthropic", model: "claude-sonnet-4-6" })).toBe("claude-sonnet-4-6");
    expect(modelDisplay({ provider: "ollama", model: "mistral" })).toBe("ollama:mistral");
    expect(modelDisplay({ provider: "openai", model: "gpt-4o", credentialId: "cred_1" })).toBe("gpt-4o · own key");
  });

  it("edits a model as its id when that says it all, else as the object's JSON", () => {
    expect(modelText({ provider: "anthropic", model: "claude-sonnet-4-6" })).toBe("claude-sonnet-4-6");
    expect(JSON.parse(modelText({ provider: "openai", model: "gpt-4o", credentialId: "cred_1" }))).toEqual({
      provider: "openai",
      model: "gpt-4o",
      credentialId: "cred_1",
    });
  });

  it("turns a served graph into the editor's and back without losing a model", () => {
    const editable = editableGraph(served);
    expect(editable.nodes.map((n) => n.model)).toEqual([
      "claude-opus-4-7",
      JSON.stringify({ provider: "openai", model: "gpt-4o", baseUrl: "https://gateway.example.com/v1" }),
      undefined,
    ]);
    expect("model" in editable.nodes[2]!).toBe(false);
    expect(servedGraph(editable)).toEqual(served);
  });
});
