import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { maskTypeExpressions, parseYaml } from "./yaml-source";

const SEED = path.resolve(import.meta.dirname, "../../tests/projects/fixtures/seed-004/registry.yml");

describe("parseYaml", () => {
  it("reads the seed's registry as printed: unquoted enum[…] inside a flow map is a field type", async () => {
    const text = await readFile(SEED, "utf8");
    // Not YAML as written: the parser alone stops at the `[`.
    expect(() => parse(text)).toThrow();
    const yaml = parseYaml(text);
    expect(yaml.errors).toEqual([]);
    const value = yaml.value as Record<string, Record<string, Record<string, unknown>>>;
    expect(value.events!.Incident).toEqual({
      fields: { source: "enum[sentry, linear, datadog]", issue_id: "id", title: "str", link: "url" },
    });
    expect(value.sandboxes!.default).toEqual({
      provider: "daytona",
      image: { debian_slim: "3.12", apt: ["git"] },
      network: ["github.com"],
    });
    expect(value.agents!.Fixer).toEqual({
      harness: { model: "claude-opus-4-8" },
      tools: ["open_pr"],
      skills: ["testing"],
    });
    expect(yaml.lineOf(["events", "Incident", "fields", "source"])).toBe(16);
    expect(yaml.lineOf(["events", "WorkItem"])).toBe(17);
  });

  it("accepts list[…] and nested expressions in flow and block maps, and keeps quoted text and comments", () => {
    const yaml = parseYaml(
      [
        "a: { tags: list[str], kind: enum[x, y], deep: list[enum[p, q]] }",
        "b:",
        "  c: enum[one, two] # a comment: enum[no, change]",
        '  d: "quoted: list[a, b]"',
        "  e: [x, y]",
      ].join("\n"),
    );
    expect(yaml.errors).toEqual([]);
    expect(yaml.value).toEqual({
      a: { tags: "list[str]", kind: "enum[x, y]", deep: "list[enum[p, q]]" },
      b: { c: "enum[one, two]", d: "quoted: list[a, b]", e: ["x", "y"] },
    });
  });

  it("keeps each error's line and column where the text has them", () => {
    const text = "events:\n  Incident: { fields: { source: enum[a, b], title: str }\n  Other: x\n";
    // The masked text is the same length, so offsets (and lines and columns) do not move.
    expect(maskTypeExpressions(text)).toHaveLength(text.length);
    const yaml = parseYaml(text);
    expect(yaml.errors.length).toBeGreaterThan(0);
    const direct = parseYaml(text.replace("enum[a, b]", "enumxa_ bx"));
    expect(yaml.errors.map((e) => [e.line, e.column])).toEqual(direct.errors.map((e) => [e.line, e.column]));
    expect(yaml.errors[0]!.message).not.toMatch(/[\uE000-\uE002]/);
  });

  it("counts lines from the header's first line in a step file", () => {
    const yaml = parseYaml("output: { verdict: enum[pass, fail] }\nagent: [", 2);
    expect(yaml.errors[0]).toMatchObject({ line: 3 });
  });
});
