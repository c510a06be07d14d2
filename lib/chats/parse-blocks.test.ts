import { describe, expect, it } from "vitest";
import { MAX_BLOCK_CHARS, MAX_BLOCKS_PER_REPLY } from "./limits";
import { parseBlocks } from "./parse-blocks";

const fence = (kind: string, body: string) => "```" + kind + "\n" + body + "\n```";

describe("Loopi's block parser", () => {
  it("reads workflow-create and agent-create blocks in order and leaves other fences alone", () => {
    const text = [
      "Here you go.",
      fence("workflow-create", JSON.stringify({ name: "Watch" })),
      fence("json", '{"ignored": true}'),
      fence("agent-create", JSON.stringify({ name: "Watcher", workflows: ["Watch"] })),
    ].join("\n\n");
    const { blocks, problems } = parseBlocks(text);
    expect(problems).toEqual([]);
    expect(blocks.map((b) => [b.index, b.kind, b.problems])).toEqual([
      [0, "workflow-create", []],
      [1, "agent-create", []],
    ]);
    expect(blocks[1]!.value).toEqual({ name: "Watcher", workflows: ["Watch"] });
  });

  it("reads workflow-update and event-type-create blocks, and names a cut-off one", () => {
    const text = [
      fence("event-type-create", JSON.stringify({ name: "IncidentOpened", fields: { title: "str" } })),
      fence("workflow-update", JSON.stringify({ workflow: "Watch", patch: { nodes: [], edges: [] } })),
      "```workflow-update\n{",
    ].join("\n");
    const { blocks } = parseBlocks(text);
    expect(blocks.map((b) => [b.kind, b.problems.length])).toEqual([
      ["event-type-create", 0],
      ["workflow-update", 0],
      ["workflow-update", 1],
    ]);
    expect(blocks[1]!.value).toEqual({ workflow: "Watch", patch: { nodes: [], edges: [] } });
    expect(blocks[2]!.problems[0]!.message).toMatch(/not finished/);
  });

  it("names invalid JSON, a non-object and an unfinished block", () => {
    const text = [
      fence("workflow-create", "{ name: Watch }"),
      fence("agent-create", "[1, 2]"),
      '```agent-create\n{ "name": "cut',
    ].join("\n");
    const { blocks } = parseBlocks(text);
    expect(blocks).toHaveLength(3);
    expect(blocks[0]!.problems[0]!.message).toMatch(/^Not valid JSON/);
    expect(blocks[1]!.problems[0]!.message).toBe("A block holds one JSON object");
    expect(blocks[2]!.problems[0]!.message).toMatch(/not finished/);
    expect(blocks.every((b) => b.value === null)).toBe(true);
  });

  it("refuses prototype keys anywhere in a block, naming where", () => {
    const hostile = [
      '{"name": "x", "__proto__": {"polluted": true}}',
      '{"name": "x", "graph": {"nodes": [{"constructor": {"prototype": 1}}]}}',
    ];
    const { blocks } = parseBlocks(hostile.map((b) => fence("workflow-create", b)).join("\n"));
    expect(blocks.map((b) => b.problems[0]!.field)).toEqual(["__proto__", "graph.nodes.0.constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses an oversize block and reads at most the block limit", () => {
    const big = JSON.stringify({ name: "x".repeat(MAX_BLOCK_CHARS) });
    expect(parseBlocks(fence("agent-create", big)).blocks[0]!.problems[0]!.message).toMatch(/at most/);
    const many = Array.from({ length: MAX_BLOCKS_PER_REPLY + 2 }, () => fence("agent-create", "{}")).join("\n");
    const { blocks, problems } = parseBlocks(many);
    expect(blocks).toHaveLength(MAX_BLOCKS_PER_REPLY);
    expect(problems[0]!.message).toMatch(/2 more ignored/);
  });
});
