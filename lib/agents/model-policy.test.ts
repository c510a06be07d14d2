import { describe, expect, it } from "vitest";
import { isModelTooSmall, modelRefusalMessage } from "./model-policy";

describe("model policy", () => {
  it.each([
    "claude-haiku-4-5",
    "claude-3-haiku-20240307",
    "claude-3-5-haiku-latest",
    "claude-instant-1.2",
    "gpt-3.5-turbo",
    "davinci",
    "text-ada-001",
    "babbage-002",
    "tinyllama",
    "phi-2",
    "phi",
    "ollama/gemma:2b",
    "gemma2:2b",
    "stablelm-zephyr:3b",
    "nomic-embed-text",
    "anthropic/Claude-3-Haiku",
  ])("refuses %s", (model) => {
    expect(isModelTooSmall(model)).toBe(true);
  });

  it.each(["claude-sonnet-4-6", "claude-opus-4-7", "gpt-4o", "llama3", "phi3:14b", "mistral", "adapt-large"])(
    "accepts %s",
    (model) => {
      expect(isModelTooSmall(model)).toBe(false);
    },
  );

  it("names suitable models in the refusal", () => {
    expect(modelRefusalMessage("claude-haiku-4-5")).toMatch(/claude-sonnet-4-6.*claude-opus-4-7/);
  });
});
