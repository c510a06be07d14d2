import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { eventValueProblem, validateEventData } from "./validate-event-data";

describe("event data", () => {
  it("checks each field type", () => {
    expect(eventValueProblem("str", "")).toBeNull();
    expect(eventValueProblem("str", 1)).toBe("Use a string");
    expect(eventValueProblem("int", 3)).toBeNull();
    expect(eventValueProblem("int", 3.5)).toBe("Use a whole number");
    expect(eventValueProblem("int", "3")).toBe("Use a whole number");
    expect(eventValueProblem("url", "https://example.com/a")).toBeNull();
    expect(eventValueProblem("url", "http://example.com")).toBeNull();
    expect(eventValueProblem("url", "javascript:alert(1)")).toBe("Use an http or https URL");
    expect(eventValueProblem("url", "example.com")).toBe("Use an http or https URL");
    expect(eventValueProblem("id", "INC-42")).toBeNull();
    expect(eventValueProblem("id", "INC 42")).toBe("Use a non-empty id without spaces");
    expect(eventValueProblem("id", "")).toBe("Use a non-empty id without spaces");
    expect(eventValueProblem("enum[low, high]", "high")).toBeNull();
    expect(eventValueProblem("enum[low, high]", "High")).toBe("Use one of: low, high");
    expect(eventValueProblem("str", null)).toBe("Required");
  });

  it("names every bad field as data.<field>: missing, unknown and mistyped", () => {
    let thrown: unknown;
    try {
      validateEventData("Incident", { title: "str", count: "int" }, { count: "2", extra: true });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const err = thrown as AppError;
    expect(err.status).toBe(400);
    expect(err.message).toBe("Invalid data.title: Title is required");
    expect(err.details).toEqual([
      { field: "data.title", message: "Title is required" },
      { field: "data.count", message: "Use a whole number" },
      { field: "data.extra", message: 'Not a field of "Incident"' },
    ]);
  });

  it("does not take inherited names for fields", () => {
    expect(() => validateEventData("E", {}, { constructor: "x" })).toThrow(/data.constructor/);
    expect(validateEventData("E", { n: "int" }, { n: 1 })).toEqual({ n: 1 });
  });
});

describe("validateEventData with a __proto__ key", () => {
  it("reads a raw body's __proto__ as not a field rather than dropping it", () => {
    const data = JSON.parse('{"title": "x", "__proto__": {"title": "y"}}') as Record<string, unknown>;
    expect(() => validateEventData("Ping", { title: "str" }, data)).toThrow(/data\.__proto__: Not a field of "Ping"/);
  });
});
