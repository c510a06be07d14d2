import { describe, expect, it } from "vitest";
import { graphSchema } from "./checked-graph-schema";
import { responseToneSchema, TONE_PRESETS, toneInstruction, withTone } from "./tone";

describe("response tone", () => {
  it("turns each preset into its own instruction and free text into one that quotes it", () => {
    const instructions = TONE_PRESETS.map(toneInstruction);
    expect(new Set(instructions).size).toBe(TONE_PRESETS.length);
    expect(toneInstruction(" Executive ")).toBe(toneInstruction("executive"));
    expect(toneInstruction("like a pirate")).toBe("Write in this tone: like a pirate");
  });

  it("a node's own tone wins over the workflow's; with neither the prompt is unchanged", () => {
    expect(withTone("P", undefined, "concise")).toBe(`P\n\nResponse tone: ${toneInstruction("concise")}`);
    expect(withTone("P", "formal", "concise")).toBe(`P\n\nResponse tone: ${toneInstruction("formal")}`);
    expect(withTone("P", undefined, undefined)).toBe("P");
  });

  it("is checked for size on the graph and its nodes, naming the field", () => {
    expect(responseToneSchema.safeParse("x".repeat(301)).success).toBe(false);
    const graph = {
      start: "a",
      responseTone: "",
      nodes: [{ id: "a", role: "r", systemPrompt: "p", responseTone: "y".repeat(301) }],
      edges: [{ from: "a", to: "END" }],
    };
    const result = graphSchema.safeParse(graph);
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join("."))).toEqual([
      "nodes.0.responseTone",
      "responseTone",
    ]);
  });
});
