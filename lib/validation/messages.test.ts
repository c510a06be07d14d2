import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldLabel } from "./messages";

const schema = z.strictObject({
  name: z.string().max(10),
  steps: z.number().int().min(1).max(30),
  kind: z.enum(["openai", "ollama"]),
  systemPrompt: z.string().optional(),
  tags: z.array(z.string()).min(1).max(2).optional(),
  email: z.email().optional(),
});

function messages(input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join(".") || "(body)", i.message]));
}

describe("field messages", () => {
  it("names a missing required field", () => {
    expect(messages({ steps: 1, kind: "openai" })).toEqual({ name: "Name is required" });
    expect(messages({ name: "a", kind: "openai" })).toEqual({ steps: "Steps is required" });
  });

  it("says what type a field takes and what it got", () => {
    expect(messages({ name: 5, steps: 1, kind: "openai" }).name).toBe("Name must be text, not a number");
    expect(messages({ name: "a", steps: "3", kind: "openai" }).steps).toBe("Steps must be a number, not text");
    expect(messages({ name: "a", steps: 1.5, kind: "openai" }).steps).toBe("Steps must be a whole number");
    expect(messages({ name: "a", steps: 1, kind: "openai", systemPrompt: [] }).systemPrompt).toBe(
      "System prompt must be text, not a list",
    );
  });

  it("gives the bounds of a number, a string and a list", () => {
    expect(messages({ name: "a", steps: 0, kind: "openai" }).steps).toBe("At least 1");
    expect(messages({ name: "a", steps: 31, kind: "openai" }).steps).toBe("At most 30");
    expect(messages({ name: "a".repeat(11), steps: 1, kind: "openai" }).name).toBe("Use at most 10 characters");
    expect(messages({ name: "a", steps: 1, kind: "openai", tags: [] }).tags).toBe("Add at least 1 item");
    expect(messages({ name: "a", steps: 1, kind: "openai", tags: ["a", "b", "c"] }).tags).toBe("At most 2 items");
  });

  it("lists the allowed values of an enum, and names unknown fields and bad formats", () => {
    expect(messages({ name: "a", steps: 1, kind: "gpt" }).kind).toBe("Use one of openai, ollama");
    expect(messages({ name: "a", steps: 1, kind: "openai", colour: "red" })["(body)"]).toBe('Unknown field "colour"');
    expect(messages({ name: "a", steps: 1, kind: "openai", email: "nope" }).email).toBe(
      "Enter an email address such as name@example.com",
    );
  });

  it("says what is wrong with a record's key, not only that it is wrong", () => {
    const record = z.record(z.string().regex(/^[a-z]+$/, "Use lower-case letters"), z.string());
    expect(record.safeParse({ "Bad key": "x" }).error!.issues[0]!.message).toBe("Use lower-case letters");
  });

  it("never shows zod's own wording, and leaves a schema's own message alone", () => {
    const all = Object.values(messages({ name: 1, steps: -1, kind: 2, extra: true })).join(" | ");
    expect(all).not.toMatch(/Invalid input|expected|received|Too small|Too big|Unrecognized/);
    expect(z.string().min(1, "Say something").safeParse("").error!.issues[0]!.message).toBe("Say something");
  });

  it("turns a field's key into words", () => {
    expect(fieldLabel(["crew", 0, "systemPrompt"])).toBe("System prompt");
    expect(fieldLabel(["model", "baseUrl"])).toBe("Base URL");
    expect(fieldLabel(["credentialIds"])).toBe("Credential IDs");
    expect(fieldLabel(["crew", 0])).toBeNull();
  });
});
