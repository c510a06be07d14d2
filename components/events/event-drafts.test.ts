import { describe, expect, it } from "vitest";
import { dataOf, fieldsOf, inputKindOf, newFieldRow, rowError } from "./event-drafts";

describe("event type and test event drafts", () => {
  it("turns field rows into the type's fields, enums written out and blank rows left out", () => {
    const rows = [
      { ...newFieldRow(), name: " title ", kind: "str" as const },
      { ...newFieldRow(), name: "severity", kind: "int" as const },
      { ...newFieldRow(), name: "source", kind: "enum" as const, values: "sentry, linear,, " },
      { ...newFieldRow(), name: "  " },
    ];
    expect(fieldsOf(rows)).toEqual({ title: "str", severity: "int", source: "enum[sentry, linear]" });
    expect(rowError({ "fields.source": "Use str, int, url, id or enum[a, b]" }, rows[2]!)).toMatch(/enum/);
  });

  it("types a test event's values by field: ints as numbers, blanks left for the API to name", () => {
    const fields = { title: "str", severity: "int", source: "enum[sentry, linear]", link: "url" };
    expect(dataOf(fields, { title: " Disk full ", severity: "3", source: "sentry", link: "" })).toEqual({
      title: "Disk full",
      severity: 3,
      source: "sentry",
    });
    expect(dataOf(fields, { severity: "high" })).toEqual({ severity: "high" });
    expect(inputKindOf("enum[sentry, linear]")).toEqual({ kind: "enum", values: ["sentry", "linear"] });
    expect(inputKindOf("int")).toEqual({ kind: "int" });
    expect(inputKindOf("url")).toEqual({ kind: "text" });
  });
});
