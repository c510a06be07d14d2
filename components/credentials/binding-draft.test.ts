import { describe, expect, it } from "vitest";
import { bindingError, bindingForCreate, credentialChanges, describeBinding, parseHosts } from "./binding-draft";

describe("credential binding drafts", () => {
  it("reads hosts one a line or separated by commas", () => {
    expect(parseHosts(" api.github.com,\n*.example.com  other.dev \n\n")).toEqual([
      "api.github.com",
      "*.example.com",
      "other.dev",
    ]);
  });

  it("sends the binding a kind takes when creating, and nothing else", () => {
    const draft = { baseUrl: " https://gw.example.com/v1 ", hosts: "api.github.com" };
    expect(bindingForCreate("openai", draft)).toEqual({ baseUrl: "https://gw.example.com/v1" });
    expect(bindingForCreate("ollama", { ...draft, baseUrl: "" })).toEqual({});
    expect(bindingForCreate("http", draft)).toEqual({ hosts: ["api.github.com"] });
    expect(bindingForCreate("mcp", { ...draft, hosts: "" })).toEqual({ hosts: [] });
    expect(bindingForCreate("anthropic", draft)).toEqual({});
  });

  it("patches only what changed; an emptied endpoint is null (the provider's own API)", () => {
    const key = { name: "Gateway", kind: "openai" as const, baseUrl: "https://gw.example.com/v1", hosts: [] };
    expect(credentialChanges(key, "Gateway", { baseUrl: "https://gw.example.com/v1", hosts: "" })).toEqual({});
    expect(credentialChanges(key, "Gateway 2", { baseUrl: "", hosts: "x" })).toEqual({
      name: "Gateway 2",
      baseUrl: null,
    });
    const token = { name: "GH", kind: "http" as const, baseUrl: null, hosts: ["api.github.com"] };
    expect(
      credentialChanges(token, "GH", { baseUrl: "https://x", hosts: "api.github.com\nuploads.github.com" }),
    ).toEqual({ hosts: ["api.github.com", "uploads.github.com"] });
  });

  it("says where each kind is sent", () => {
    expect(describeBinding({ kind: "anthropic", baseUrl: null, hosts: [] })).toBe("Anthropic's API");
    expect(describeBinding({ kind: "openai", baseUrl: null, hosts: [] })).toBe("OpenAI's API");
    expect(describeBinding({ kind: "openai", baseUrl: "https://gw.example.com/v1", hosts: [] })).toBe(
      "https://gw.example.com/v1",
    );
    expect(describeBinding({ kind: "mcp", baseUrl: null, hosts: ["a.dev", "*.b.dev"] })).toBe("a.dev, *.b.dev");
  });

  it("finds a binding field's error, also on one host of the list", () => {
    expect(bindingError({ "hosts.1": "Use a host name" }, "hosts")).toBe("Use a host name");
    expect(bindingError({ name: "x" }, "baseUrl")).toBeUndefined();
  });
});
