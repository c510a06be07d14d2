import { describe, expect, it } from "vitest";
import { END, type Graph } from "@/lib/graph/types";
import { isPlaced, sameGraph, toGraph, updateNode, type Draft } from "./draft";
import { editorSession, loadSession, type EditorSession, type SessionAction } from "./session";

const MODEL = "claude-haiku-4-5";

const graph = (writerPrompt = "Write it."): Graph => ({
  start: "plan",
  nodes: [
    { id: "plan", role: "planner", systemPrompt: "Plan it.", position: { x: 0, y: 0 } },
    { id: "write", role: "writer", systemPrompt: writerPrompt, position: { x: 0, y: 160 } },
  ],
  edges: [
    { from: "plan", to: "write" },
    { from: "write", to: END },
  ],
  maxSteps: 20,
  maxVisitsPerNode: 3,
});

const run = (state: EditorSession, ...actions: SessionAction[]) => actions.reduce(editorSession, state);
const keyOf = (draft: Draft, id: string) => draft.nodes.find((n) => n.id === id)!.key;
const setRole = (id: string, role: string): SessionAction => ({
  type: "edit",
  update: (d) => updateNode(d, keyOf(d, id), { role }),
});
const follow = (g: Graph, version: number, saving = false): SessionAction => ({
  type: "follow",
  graph: g,
  version,
  defaultModel: MODEL,
  saving,
});

describe("load", () => {
  it("starts clean on the version's graph, laying out nodes that have no place", () => {
    const unplaced = { ...graph(), nodes: graph().nodes.map(({ position: _p, ...n }) => n) };
    const s = loadSession(unplaced, 4, MODEL);
    expect(s.version).toBe(4);
    expect(s.dirty).toBe(false);
    expect(s.draft.nodes.every((n) => isPlaced(n.position))).toBe(true);
    expect(s.baseline).toEqual(toGraph(s.draft));
    expect(s.draft.nodes.map((n) => n.id)).toEqual(["plan", "write"]);

    const again = editorSession(run(s, setRole("plan", "boss")), {
      type: "load",
      graph: graph(),
      version: 5,
      defaultModel: MODEL,
    });
    expect(again.dirty).toBe(false);
    expect(again.version).toBe(5);
    expect(toGraph(again.draft)).toEqual(graph());
  });
});

describe("edit", () => {
  it("is unsaved while the draft stands for another graph, and saved again when the change is undone", () => {
    const s = loadSession(graph(), 1, MODEL);
    const edited = run(s, setRole("plan", "boss"));
    expect(edited.dirty).toBe(true);
    expect(run(edited, setRole("plan", "planner")).dirty).toBe(false);
    // Spaces the graph trims away change nothing that would be saved.
    expect(
      run(s, setRole("plan", "planner"), { type: "edit", update: (d) => ({ ...d, maxSteps: " 20 " }) }).dirty,
    ).toBe(false);
  });

  it("moving a node is a change; moving END, selecting and typing a note are not", () => {
    const s = loadSession(graph(), 1, MODEL);
    const moved = run(s, {
      type: "edit",
      update: (d) => updateNode(d, keyOf(d, "write"), { position: { x: 40, y: 160 } }),
    });
    expect(moved.dirty).toBe(true);
    const other = run(
      s,
      { type: "moveEnd", end: { x: 5, y: 500 } },
      { type: "select", key: keyOf(s.draft, "plan") },
      { type: "note", note: "why" },
    );
    expect(other.dirty).toBe(false);
    expect(other.end).toEqual({ x: 5, y: 500 });
    expect(other.selected).toBe(keyOf(s.draft, "plan"));
    expect(other.note).toBe("why");
  });

  it("clears the server's problems and the saved message", () => {
    const s = loadSession(graph(), 1, MODEL);
    const refused = run(s, { type: "refused", draft: s.draft, fieldErrors: { "graph.nodes.1.role": "Bad role" } });
    const saved = run(s, { type: "saved", draft: s.draft, version: 1, created: false });
    expect(refused.serverProblems).toHaveLength(1);
    expect(saved.savedMessage).not.toBeNull();
    expect(run(refused, setRole("plan", "boss")).serverProblems).toEqual([]);
    expect(run(saved, setRole("plan", "boss")).savedMessage).toBeNull();
  });

  it("an edit that changes nothing keeps the state's verdict without comparing graphs again", () => {
    const s = run(loadSession(graph(), 1, MODEL), setRole("plan", "boss"));
    const same = run(s, { type: "edit", update: (d) => d });
    expect(same.draft).toBe(s.draft);
    expect(same.dirty).toBe(true);
  });
});

describe("save", () => {
  it("makes the sent draft the baseline and the saved version the one followed", () => {
    const s = run(
      loadSession(graph(), 1, MODEL),
      setRole("plan", "boss"),
      { type: "note", note: "boss" },
      {
        type: "submit",
      },
    );
    expect(s.tried).toBe(true);
    const saved = run(s, { type: "saved", draft: s.draft, version: 2, created: true });
    expect(saved).toMatchObject({ dirty: false, version: 2, note: "", tried: false, overtaken: false });
    expect(saved.savedMessage).toBe("Saved as version 2.");
    expect(saved.baseline.nodes[0]!.role).toBe("boss");
    // The page then reads version 2: it is the one saved, so nothing changes.
    expect(run(saved, follow(saved.baseline, 2))).toBe(saved);
    expect(run(s, { type: "saved", draft: s.draft, version: 1, created: false }).savedMessage).toBe(
      "No changes: the graph is already this version.",
    );
  });

  it("keeps an edit made while the save was under way unsaved", () => {
    const s = run(loadSession(graph(), 1, MODEL), setRole("plan", "boss"));
    const sent = s.draft;
    const saved = run(s, setRole("write", "author"), { type: "saved", draft: sent, version: 2, created: true });
    expect(saved.dirty).toBe(true);
    expect(saved.baseline.nodes[1]!.role).toBe("writer");
  });

  it("puts the server's refusal on the fields of the draft that was sent", () => {
    const s = run(loadSession(graph(), 1, MODEL), { type: "submit" });
    const refused = run(s, {
      type: "refused",
      draft: s.draft,
      fieldErrors: { "graph.nodes.1.systemPrompt": "Too long", note: "Too long" },
    });
    expect(refused.serverProblems).toEqual([
      { target: { kind: "node", key: keyOf(s.draft, "write"), field: "systemPrompt" }, message: "Too long" },
    ]);
    expect(refused.draft).toBe(s.draft);
  });
});

describe("follow a newer version", () => {
  it("an unchanged draft follows it, and the selection goes", () => {
    const s = run(loadSession(graph(), 1, MODEL), { type: "select", key: "x", edge: "y" });
    const followed = run(s, follow(graph("Write it well."), 2));
    expect(followed.version).toBe(2);
    expect(followed.draft.nodes[1]!.systemPrompt).toBe("Write it well.");
    expect(followed.baseline).toEqual(toGraph(followed.draft));
    expect(followed).toMatchObject({ dirty: false, overtaken: false, selected: null, highlightEdge: null });
  });

  it("a changed draft is kept, and says it was overtaken until it is saved", () => {
    const s = run(loadSession(graph(), 1, MODEL), setRole("plan", "boss"));
    const kept = run(s, follow(graph("Write it well."), 2));
    expect(kept.draft).toBe(s.draft);
    expect(kept).toMatchObject({ version: 2, dirty: true, overtaken: true });
    const saved = run(kept, { type: "saved", draft: kept.draft, version: 3, created: true });
    expect(saved.overtaken).toBe(false);
  });

  it("a version read while saving is the one being saved: the draft stays", () => {
    const s = run(loadSession(graph(), 1, MODEL), setRole("plan", "boss"));
    const during = run(s, follow(graph("Someone else's."), 2, true));
    expect(during.draft).toBe(s.draft);
    expect(during).toMatchObject({ version: 2, overtaken: false, dirty: true });
  });

  it("the same graph at a newer version keeps the draft; the version already followed changes nothing", () => {
    const s = loadSession(graph(), 1, MODEL);
    const same = run(s, follow(graph(), 2));
    expect(same.draft).toBe(s.draft);
    expect(same.version).toBe(2);
    expect(run(s, follow(graph("Write it well."), 1))).toBe(s);
  });
});

describe("reset", () => {
  it("goes back to the graph last loaded or saved", () => {
    const s = run(loadSession(graph(), 1, MODEL), setRole("plan", "boss"), { type: "note", note: "n" });
    const back = run(s, { type: "reset", defaultModel: MODEL });
    expect(back).toMatchObject({ dirty: false, version: 1, note: "", overtaken: false });
    expect(toGraph(back.draft)).toEqual(graph());
  });
});

describe("sameGraph", () => {
  it("compares content, whatever the key order; a blank cap equals itself", () => {
    const a = graph();
    const b: Graph = { maxVisitsPerNode: 3, maxSteps: 20, edges: a.edges, nodes: a.nodes, start: "plan" };
    expect(sameGraph(a, b)).toBe(true);
    expect(sameGraph({ ...a, maxSteps: Number.NaN }, { ...a, maxSteps: Number.NaN })).toBe(true);
    expect(sameGraph(a, graph("Other."))).toBe(false);
    expect(sameGraph(a, { ...a, edges: a.edges.slice(0, 1) })).toBe(false);
    expect(sameGraph(a, { ...a, budget: { spend: { usd: 1 } } })).toBe(false);
  });
});
