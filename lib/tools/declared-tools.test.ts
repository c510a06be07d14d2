import { describe, expect, it } from "vitest";
import { loadSkill, loadSkillSpec, parseVersionContext, renderHttpTool, type DeclaredHttpTool } from "./declared-tools";

const TOOL: DeclaredHttpTool = {
  kind: "http",
  name: "set_flag",
  description: null,
  method: "PUT",
  url: "https://flags.example.com/flags/{{ flag }}?env={{ env }}",
  headers: { "X-Note": "{{ note }}" },
  body: '{ "on": {{ on }}, "note": "{{ note }}" }',
  credential: null,
  params: { flag: "str", env: "str", on: "bool", note: "str" },
};

const SKILLS = [
  {
    name: "code-review",
    description: "Review a change.",
    body: "Read the diff.",
    files: { "skills/code-review/SKILL.md": "---\n…", "skills/code-review/checklist.md": "- caps" },
  },
];

describe("declared HTTP tools", () => {
  it("fill the URL (encoded), headers (one line) and body (JSON-escaped) from the params", () => {
    expect(renderHttpTool(TOOL, { flag: "a/b c", env: "prod&x=1", on: false, note: 'say "hi"\nbye' })).toEqual({
      method: "PUT",
      url: "https://flags.example.com/flags/a%2Fb%20c?env=prod%26x%3D1",
      headers: { "X-Note": 'say "hi" bye' },
      body: '{ "on": false, "note": "say \\"hi\\"\\nbye" }',
    });
  });

  it("refuse a missing or mistyped param, naming it", () => {
    expect(() => renderHttpTool(TOOL, { flag: "x", env: "p", on: "yes", note: "" })).toThrow(
      "Tool set_flag: on must be a boolean",
    );
    expect(() => renderHttpTool(TOOL, { env: "p", on: true, note: "" })).toThrow(
      "Tool set_flag: flag must be a string",
    );
  });
});

describe("load_skill", () => {
  it("lists the skills' names and descriptions and returns a body or a file", () => {
    expect(loadSkillSpec(SKILLS).description).toContain("- code-review: Review a change.");
    expect(loadSkill(SKILLS, { name: "code-review" })).toBe("Read the diff.");
    expect(loadSkill(SKILLS, { name: "code-review", file: "checklist.md" })).toBe("- caps");
  });

  it("names what exists when asked for a skill or file that does not", () => {
    expect(() => loadSkill(SKILLS, { name: "deploy" })).toThrow("No skill named deploy (skills: code-review)");
    expect(() => loadSkill(SKILLS, { name: "code-review", file: "../../secrets" })).toThrow(
      "Skill code-review has no file ../../secrets (files: checklist.md)",
    );
  });

  it("reads an empty context from a version saved in the dashboard", () => {
    expect(parseVersionContext(null)).toEqual({ tools: [], skills: [] });
  });
});
