import { describe, expect, it } from "vitest";
import { emitsProblem, eventFieldsSchema, eventFieldTypeProblem } from "./field-types";

describe("event field types", () => {
  it("accepts the five kinds and refuses the rest", () => {
    for (const t of ["str", "int", "url", "id", "enum[sentry, linear]"]) expect(eventFieldTypeProblem(t)).toBeNull();
    for (const t of ["bool", "list[str]", "enum[]", "string"]) expect(eventFieldTypeProblem(t)).not.toBeNull();
  });

  it("names the bad field", () => {
    const result = eventFieldsSchema.safeParse({ title: "str", "bad name": "str", link: "uri" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["link"]));
  });
});

describe("emitsProblem", () => {
  const fields = { link: "url", issue_id: "id", source: "enum[sentry, linear]" } as const;

  it("accepts an output with exactly the event's fields", () => {
    expect(
      emitsProblem({ link: "url", issue_id: "str", source: "enum[linear, sentry]" }, "Incident", fields),
    ).toBeNull();
  });

  it("names missing, extra and mistyped fields", () => {
    const problem = emitsProblem({ link: "str", extra: "int", source: "enum[sentry]" }, "Incident", fields);
    expect(problem).toContain("missing issue_id");
    expect(problem).toContain("not in the event: extra");
    expect(problem).toContain("link is str but the event needs url");
    expect(problem).toContain("source is enum[sentry]");
  });

  it("reads only the fields declared, not ones every object inherits", () => {
    expect(emitsProblem({ title: "str", constructor: "str" } as const, "Note", { title: "str" } as const)).toBe(
      'output does not match event "Note" (not in the event: constructor)',
    );
    expect(emitsProblem({ title: "str" } as const, "Note", { title: "str", toString: "str" } as const)).toBe(
      'output does not match event "Note" (missing toString)',
    );
  });

  it("needs typed output", () => {
    expect(emitsProblem(undefined, "Incident", fields)).toContain("needs typed output");
  });
});

describe("event field rules", () => {
  it("refuses repeated enum values, more than 100 of them, and names every object carries", () => {
    expect(eventFieldTypeProblem("enum[a, b, a]")).toContain("a");
    expect(eventFieldTypeProblem(`enum[${Array.from({ length: 101 }, (_, i) => `v${i}`).join(",")}]`)).toContain("100");
    expect(eventFieldTypeProblem(`enum[${Array.from({ length: 100 }, (_, i) => `v${i}`).join(",")}]`)).toBeNull();
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const result = eventFieldsSchema.safeParse(JSON.parse(`{"${name}": "str"}`));
      expect(result.success, name).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual([name]);
    }
  });
});
