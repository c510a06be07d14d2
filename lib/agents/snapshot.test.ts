import { describe, expect, it } from "vitest";
import { buildReflectionPrompt, readReflectionContext } from "./reflection-prompt";
import { snapshot } from "./snapshot";

describe("reflection prompt", () => {
  it("caps strings at 500 characters and samples long arrays", () => {
    const out = snapshot({ long: "x".repeat(2000), list: Array.from({ length: 50 }, (_, i) => i) }) as {
      long: string;
      list: unknown[];
    };
    expect(out.long.startsWith("x".repeat(500))).toBe(true);
    expect(out.long).toContain("1500 more characters");
    expect(out.long.length).toBeLessThan(560);
    expect(out.list.length).toBeLessThan(15);
    expect(out.list.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(out.list.slice(-3)).toEqual([47, 48, 49]);
  });

  it("carries the goal, the crew, per-step outcomes and truncated final values", () => {
    const crew = [
      { role: "planner", systemPrompt: "Plan." },
      { role: "writer", systemPrompt: "Write." },
    ];
    const prompt = buildReflectionPrompt({
      goal: "Publish a daily digest",
      workflow: { id: "w1", name: "Digest", version: 3, crew },
      run: { id: "r1", status: "failed", input: "go", output: null, error: "Step 2 of 2 (writer) failed: boom" },
      steps: [
        { index: 0, role: "planner", status: "completed", error: null, output: "y".repeat(900) },
        { index: 1, role: "writer", status: "failed", error: "boom", output: null },
      ],
    });
    expect(prompt.system).toContain("agent-reflect");
    const content = prompt.messages[0]!.content;
    expect(content).toContain('"outcome": "success"');
    expect(content).toContain('"outcome": "error"');
    expect(content).toContain('"error": "boom"');
    expect(content).not.toContain("y".repeat(501));
    expect(readReflectionContext(content)).toEqual({ goal: "Publish a daily digest", crew });
  });
});
