import { describe, expect, it } from "vitest";
import { patchRegistryEvents } from "./patch-registry";

const REGISTRY = `# Our project
agents:
  Writer: { prompt: You write. }  # short

events:
  Ticket:
    fields:
      title: str
  Gone:
    fields:
      x: int
`;

describe("patchRegistryEvents", () => {
  it("keeps the text as written when the events match", () => {
    expect(
      patchRegistryEvents(REGISTRY, [
        { name: "Ticket", fields: { title: "str" }, description: null },
        { name: "Gone", fields: { x: "int" }, description: null },
      ]),
    ).toBe(REGISTRY);
  });

  it("rewrites a changed event, drops a removed one and adds a new one; comments and other keys stay", () => {
    const patched = patchRegistryEvents(REGISTRY, [
      { name: "Ticket", fields: { title: "str", link: "url" }, description: "From the desk" },
      { name: "Paged", fields: { who: "id" }, description: null },
    ]);
    expect(patched).toBe(`# Our project
agents:
  Writer: { prompt: You write. } # short

events:
  Ticket:
    description: From the desk
    fields:
      title: str
      link: url
  Paged:
    fields:
      who: id
`);
  });

  it("adds an event type whose name every object has a member of", () => {
    expect(
      patchRegistryEvents(REGISTRY, [
        { name: "Ticket", fields: { title: "str" }, description: null },
        { name: "Gone", fields: { x: "int" }, description: null },
        { name: "constructor", fields: {}, description: null },
      ]),
    ).toBe(`${REGISTRY.replace("}  # short", "} # short")}  constructor:\n    fields: {}\n`);
  });

  it("adds an events section to a registry without one, and gives up on one that is not YAML", () => {
    expect(
      patchRegistryEvents("defaults:\n  agent:\n    model: gpt-4o\n", [{ name: "A", fields: {}, description: null }]),
    ).toBe("defaults:\n  agent:\n    model: gpt-4o\nevents:\n  A:\n    fields: {}\n");
    expect(patchRegistryEvents("a: [", [])).toBeNull();
  });

  it("reads the seed's unquoted enum[…] in a flow map, and keeps flow lists as written", () => {
    const seed = `agents:
  Fixer: { tools: [open_pr], skills: [testing] }
events:
  Incident: { fields: { source: enum[sentry, linear, datadog], title: str } }
`;
    const patched = patchRegistryEvents(seed, [
      { name: "Incident", fields: { source: "enum[sentry, linear, datadog]", title: "str" }, description: null },
      { name: "Deploy", fields: { sha: "str" }, description: null },
    ]);
    expect(patched).toBe(`${seed}  Deploy:\n    fields:\n      sha: str\n`);
  });
});
