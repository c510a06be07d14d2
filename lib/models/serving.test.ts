import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnv } from "@/lib/env";
import { complete, providerFor } from "./complete";
import { PermanentModelError } from "./errors";
import { availableModels, providerNameFor, unservableModelMessage } from "./serving";

function withEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetEnv();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

const req = (model: string) => ({
  model,
  system: "You are the planner.",
  messages: [{ role: "user" as const, content: "Hi" }],
});

describe("which provider serves a model", () => {
  it("without a key, the local provider serves every model, as before", async () => {
    withEnv({ ANTHROPIC_API_KEY: undefined, MODEL_PROVIDER: undefined });
    for (const model of ["claude-sonnet-4-6", "gpt-4o", "my-model"]) {
      expect(providerNameFor(model)).toBe("local");
      expect(unservableModelMessage(model)).toBeNull();
    }
    expect(availableModels()).toEqual([expect.objectContaining({ provider: "local", pattern: "*" })]);
    const result = await complete(req("my-model"));
    expect(result.simulated).toBe(true);
    expect(result.text.startsWith("[simulated my-model] ")).toBe(true);
  });

  it("with ANTHROPIC_API_KEY, claude-* goes to Anthropic and any other model is served by nobody", () => {
    withEnv({ ANTHROPIC_API_KEY: "sk-ant-test", MODEL_PROVIDER: undefined });
    expect(providerNameFor("claude-sonnet-4-6")).toBe("anthropic");
    expect(providerFor("claude-opus-4-7").name).toBe("anthropic");
    expect(providerNameFor("gpt-4o")).toBeNull();
    expect(providerNameFor("my-model")).toBeNull();
    expect(availableModels()).toEqual([expect.objectContaining({ provider: "anthropic", pattern: "claude-*" })]);
    expect(unservableModelMessage("gpt-4o")).toBe(
      "No configured model provider serves gpt-4o; available: claude-* models through Anthropic (such as claude-sonnet-4-6, claude-opus-4-7, claude-haiku-4-5)",
    );
    expect(unservableModelMessage("gpt-4o", (m) => !m.includes("haiku"))).not.toContain("haiku");
  });

  it("never answers an unserved model with simulated text: the call fails at once, naming what is available", async () => {
    withEnv({ ANTHROPIC_API_KEY: "sk-ant-test", MODEL_PROVIDER: undefined });
    expect(() => providerFor("gpt-4o")).toThrow(PermanentModelError);
    const err = await complete(req("my-model")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentModelError);
    expect((err as PermanentModelError).message).toMatch(
      /^No configured model provider serves my-model; available: claude-\*/,
    );
    expect((err as PermanentModelError).attempts).toBe(1);
  });

  it("MODEL_PROVIDER=local simulates every model even with a key; MODEL_PROVIDER=anthropic serves only claude-*", () => {
    withEnv({ ANTHROPIC_API_KEY: "sk-ant-test", MODEL_PROVIDER: "local" });
    expect(providerNameFor("claude-sonnet-4-6")).toBe("local");
    expect(providerNameFor("gpt-4o")).toBe("local");
    expect(providerFor("claude-sonnet-4-6").name).toBe("local");

    withEnv({ ANTHROPIC_API_KEY: undefined, MODEL_PROVIDER: "anthropic" });
    expect(providerNameFor("claude-sonnet-4-6")).toBe("anthropic");
    expect(providerNameFor("llama3")).toBeNull();
  });
});
