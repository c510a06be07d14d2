import { describe, expect, it } from "vitest";
import type { CredentialReference } from "@/lib/queries/types";
import {
  credentialIdOf,
  credentialsForModel,
  modelSummary,
  toggleCredential,
  withCredential,
} from "./credential-choice";

const refs: CredentialReference[] = [
  { id: "c-ant", name: "Anthropic prod", kind: "anthropic", baseUrl: null, hosts: [] },
  { id: "c-gw", name: "Gateway", kind: "openai", baseUrl: "https://gw.example.com/v1", hosts: [] },
  { id: "c-oa", name: "OpenAI", kind: "openai", baseUrl: null, hosts: [] },
  { id: "c-gh", name: "GitHub", kind: "http", baseUrl: null, hosts: ["api.github.com"] },
];

describe("credential choice", () => {
  it("offers only the credentials of the model's provider", () => {
    expect(credentialsForModel(refs, "gpt-4o", "claude-sonnet-4-6").map((c) => c.id)).toEqual(["c-gw", "c-oa"]);
    expect(credentialsForModel(refs, "", "claude-sonnet-4-6").map((c) => c.id)).toEqual(["c-ant"]);
    expect(credentialsForModel(refs, "llama3:8b", "claude-sonnet-4-6")).toEqual([]);
  });

  it("writes the picked key into the model object, with the key's endpoint rather than the model's own", () => {
    const picked = withCredential(
      '{"provider":"openai","model":"gpt-4o","baseUrl":"https://other.example.com"}',
      "x",
      refs[1]!,
    );
    expect(JSON.parse(picked)).toEqual({ provider: "openai", model: "gpt-4o", credentialId: "c-gw" });
    expect(credentialIdOf(picked, "x")).toBe("c-gw");
    // A blank model takes the workflow default to hold the key.
    expect(JSON.parse(withCredential("", "claude-sonnet-4-6", refs[0]!))).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      credentialId: "c-ant",
    });
  });

  it("goes back to the server's key, and to the bare id when nothing else is set", () => {
    expect(withCredential('{"provider":"openai","model":"gpt-4o","credentialId":"c-oa"}', "x", null)).toBe("gpt-4o");
    expect(withCredential("", "claude-sonnet-4-6", null)).toBe("");
    expect(credentialIdOf("gpt-4o", "x")).toBe("");
  });

  it("sums a model up without its JSON", () => {
    expect(modelSummary('{"provider":"openai","model":"gpt-4o","credentialId":"c-oa"}')).toBe("gpt-4o · own key");
    expect(modelSummary("claude-opus-4-7")).toBe("claude-opus-4-7");
  });

  it("toggles a tool credential in list order and keeps ids the list does not show", () => {
    expect(toggleCredential(["gone"], "c-gh", true, refs)).toEqual(["c-gh", "gone"]);
    expect(toggleCredential(["c-gh", "gone"], "c-gh", false, refs)).toEqual(["gone"]);
  });
});
