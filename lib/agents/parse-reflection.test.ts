import { describe, expect, it } from "vitest";
import { checkPatch } from "./crew-patch";
import { parseReflection } from "./parse-reflection";

const fence = (body: string) => "```agent-reflect\n" + body + "\n```";

describe("parseReflection", () => {
  it("reads a missing block as ok", () => {
    const r = parseReflection("All good, nothing to change.");
    expect(r).toMatchObject({ verdict: "ok", fallback: "no-block" });
  });

  it("reads invalid JSON as ok", () => {
    const r = parseReflection(fence("{ verdict: modify, reason: nope"));
    expect(r).toMatchObject({ verdict: "ok", fallback: "invalid-json" });
  });

  it("reads two blocks or an unknown verdict as ok", () => {
    const two = fence('{"verdict":"fail","reason":"a"}') + "\n" + fence('{"verdict":"ok","reason":"b"}');
    expect(parseReflection(two).verdict).toBe("ok");
    expect(parseReflection(fence('{"verdict":"explode","reason":"x"}'))).toMatchObject({
      verdict: "ok",
      fallback: "bad-verdict",
    });
  });

  it("reads a block after other text, with its verdict, reason and patch", () => {
    const text = `[simulated x] thinking…\n${fence(JSON.stringify({ verdict: "modify", reason: "add a reviewer", patch: { agents: [{ role: "a", systemPrompt: "b" }] } }))}`;
    const r = parseReflection(text);
    expect(r.verdict).toBe("modify");
    expect(r.reason).toBe("add a reviewer");
    expect(r.patch).toEqual({ agents: [{ role: "a", systemPrompt: "b" }] });
    expect(parseReflection(fence('{"verdict":"fail","reason":"no credentials"}'))).toEqual({
      verdict: "fail",
      reason: "no credentials",
    });
  });
});

describe("checkPatch", () => {
  it("accepts a complete crew under agents or crew", () => {
    const crew = [
      { role: "planner", systemPrompt: "Plan." },
      { role: "writer", systemPrompt: "Write.", model: "claude-opus-4-7" },
    ];
    expect(checkPatch({ agents: crew })).toEqual({ ok: true, crew });
    expect(checkPatch({ crew })).toEqual({ ok: true, crew });
  });

  it.each([
    ["missing", undefined],
    ["empty agents", { agents: [] }],
    ["no agents key", { foo: 1 }],
    ["bad member", { agents: [{ role: "", systemPrompt: "x" }] }],
    ["eleven agents", { agents: Array.from({ length: 11 }, (_, i) => ({ role: `r${i}`, systemPrompt: "x" })) }],
    ["graph without nodes", { nodes: [], edges: [] }],
    ["graph without edges", { nodes: [{ id: "a" }] }],
  ])("refuses a malformed patch (%s)", (_label, patch) => {
    expect(checkPatch(patch).ok).toBe(false);
  });

  it("refuses a well-formed graph for a crew workflow", () => {
    const r = checkPatch({ nodes: [{ id: "a" }], edges: [] });
    expect(r).toEqual({ ok: false, problem: "a graph patch cannot replace a crew workflow" });
  });
});
