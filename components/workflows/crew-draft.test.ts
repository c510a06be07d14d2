import { describe, expect, it } from "vitest";
import { crewBody, crewFieldErrors, fromDraft, moveItem, sameCrew, toDraft } from "./crew-draft";

describe("moveItem", () => {
  it("moves an item up, down and clamps at the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 9)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b"], 5, 0)).toEqual(["a", "b"]);
  });
});

describe("draft round trip", () => {
  it("drops blank models (inherit) and keeps explicit ones", () => {
    const draft = toDraft([
      { role: "writer", systemPrompt: "Write." },
      { role: "reviewer", systemPrompt: "Review.", model: { provider: "anthropic", model: "claude-opus-4-7" } },
    ]);
    expect(draft[0]!.model).toBe("");
    draft[0]!.model = "  ";
    expect(fromDraft(draft)).toEqual([
      { role: "writer", systemPrompt: "Write." },
      { role: "reviewer", systemPrompt: "Review.", model: "claude-opus-4-7" },
    ]);
    expect(new Set(draft.map((d) => d.key)).size).toBe(2);
  });

  it("edits a served model object as its text: the id when it says it all, else the object's JSON", () => {
    const draft = toDraft([
      { role: "a", systemPrompt: "p", model: { provider: "openai", model: "gpt-4o" } },
      { role: "b", systemPrompt: "p", model: { provider: "openai", model: "gpt-4o", credentialId: "cred_1" } },
    ]);
    expect(draft.map((d) => d.model)).toEqual([
      "gpt-4o",
      JSON.stringify({ provider: "openai", model: "gpt-4o", credentialId: "cred_1" }),
    ]);
    const served = [{ role: "a", systemPrompt: "p", model: { provider: "ollama" as const, model: "llama3:8b" } }];
    expect(crewBody(served)).toEqual([{ role: "a", systemPrompt: "p", model: "llama3:8b" }]);
  });

  it("keeps an agent's tools and credentials through an edit, and counts a credential change", () => {
    const crew = [{ role: "fetcher", systemPrompt: "Fetch.", tools: ["http_request"], credentials: ["c1"] }];
    const draft = toDraft(crew);
    expect(fromDraft(draft)).toEqual(crew);
    expect(sameCrew(fromDraft(draft), crew)).toBe(true);
    draft[0]!.credentials = ["c1", "c2"];
    expect(sameCrew(fromDraft(draft), crew)).toBe(false);
  });

  it("keeps an agent's own tone, leaves a blank one out (it takes the crew's), and counts a tone change", () => {
    const crew = [
      { role: "planner", systemPrompt: "Plan." },
      { role: "writer", systemPrompt: "Write.", responseTone: "friendly" },
    ];
    const draft = toDraft(crew);
    expect(draft.map((a) => a.responseTone)).toEqual(["", "friendly"]);
    expect(fromDraft(draft)).toEqual(crew);
    draft[0]!.responseTone = "  ";
    expect(sameCrew(fromDraft(draft), crew)).toBe(true);
    draft[1]!.responseTone = "formal";
    expect(sameCrew(fromDraft(draft), crew)).toBe(false);
    expect(crewFieldErrors({ "crew.1.responseTone": "Too long" }).agents.get(1)).toEqual({ responseTone: "Too long" });
  });

  it("compares crews field by field, treating a missing model as blank", () => {
    const a = [{ role: "r", systemPrompt: "p" }];
    expect(sameCrew(a, [{ role: "r", systemPrompt: "p", model: "" }])).toBe(true);
    expect(sameCrew(a, [{ role: "r", systemPrompt: "q" }])).toBe(false);
    expect(sameCrew(a, [])).toBe(false);
  });
});

describe("crewFieldErrors", () => {
  it("sorts API field errors by agent and keeps crew-level ones apart", () => {
    const { agents, crew } = crewFieldErrors({
      "crew.1.systemPrompt": "System prompt is required",
      "crew.1.role": "Role is required",
      "crew.0.model": "Use at most 100 characters",
      crew: "A crew has at most 10 agents",
      note: "ignored",
    });
    expect(agents.get(1)).toEqual({ systemPrompt: "System prompt is required", role: "Role is required" });
    expect(agents.get(0)).toEqual({ model: "Use at most 100 characters" });
    expect(crew).toBe("A crew has at most 10 agents");
  });
});
