/**
 * The graph editor's session: the draft being edited, the graph it started from (the
 * baseline), the problems the server found on the last save and the version it follows.
 * A pure reducer, so each step (load, edit, save, refusal, a newer version, reset) reads
 * and tests on its own; useGraphEditorSession (use-graph-editor-session.ts) runs it.
 */
import { isPlaced, sameGraph, toDraft, toGraph, type Draft } from "./draft";
import { autoLayout, endBelow, type Point } from "./layout-draft";
import { problemsFromFieldErrors, type Problem } from "./validate";
import type { Graph } from "@/lib/graph/types";

export interface EditorSession {
  draft: Draft;
  /** Where END is drawn on the canvas (not part of the graph). */
  end: Point;
  /** The graph last loaded or saved: the draft is unsaved when it stands for another. */
  baseline: Graph;
  /** Worked out when the draft changes, never on render. */
  dirty: boolean;
  /** The workflow version the draft was loaded from or saved as. */
  version: number;
  /** Another version became current while the draft had changes. */
  overtaken: boolean;
  /** The server's problems with the last save, until the next edit. */
  serverProblems: Problem[];
  /** A save was tried: the problems list asks for fixes. */
  tried: boolean;
  note: string;
  savedMessage: string | null;
  /** The chosen node's key and, from a problem, the edge to point out. */
  selected: string | null;
  highlightEdge: string | null;
}

export type SessionAction =
  /** The workflow's graph at a version, laid out where its nodes have no place. */
  | { type: "load"; graph: Graph; version: number; defaultModel: string }
  /** A change to the draft; `end` when END moves with it (auto layout). */
  | { type: "edit"; update: (draft: Draft) => Draft; end?: Point }
  | { type: "moveEnd"; end: Point }
  | { type: "select"; key: string | null; edge?: string | null }
  | { type: "note"; note: string }
  /** Save was pressed: from now on the problems list asks for fixes. */
  | { type: "submit" }
  | { type: "saved"; draft: Draft; version: number; created: boolean }
  /** The server refused `draft` (as it was sent), naming fields. */
  | { type: "refused"; draft: Draft; fieldErrors: Record<string, string> }
  /**
   * The workflow's current version as the page now reads it. An unchanged draft follows it; a
   * changed one is kept (saving makes it the newest). While a save is under way it is our own.
   */
  | { type: "follow"; graph: Graph; version: number; defaultModel: string; saving: boolean }
  /** Back to the baseline: the draft as last loaded or saved. */
  | { type: "reset"; defaultModel: string };

/** A graph's draft, laid out unless every node has its place. */
function placed(graph: Graph, defaultModel: string): { draft: Draft; end: Point } {
  const draft = toDraft(graph);
  return draft.nodes.every((n) => isPlaced(n.position))
    ? { draft, end: endBelow(draft) }
    : autoLayout(draft, defaultModel);
}

/** A fresh session on `graph` at `version`. */
export function loadSession(graph: Graph, version: number, defaultModel: string): EditorSession {
  const { draft, end } = placed(graph, defaultModel);
  return {
    draft,
    end,
    baseline: toGraph(draft),
    dirty: false,
    version,
    overtaken: false,
    serverProblems: [],
    tried: false,
    note: "",
    savedMessage: null,
    selected: null,
    highlightEdge: null,
  };
}

export function editorSession(state: EditorSession, action: SessionAction): EditorSession {
  switch (action.type) {
    case "load":
      return loadSession(action.graph, action.version, action.defaultModel);
    case "edit": {
      const draft = action.update(state.draft);
      return {
        ...state,
        draft,
        end: action.end ?? state.end,
        dirty: draft === state.draft ? state.dirty : !sameGraph(toGraph(draft), state.baseline),
        serverProblems: [],
        savedMessage: null,
      };
    }
    case "moveEnd":
      return { ...state, end: action.end };
    case "select":
      return { ...state, selected: action.key, highlightEdge: action.edge ?? null };
    case "note":
      return { ...state, note: action.note };
    case "submit":
      return { ...state, tried: true };
    case "saved": {
      const baseline = toGraph(action.draft);
      return {
        ...state,
        baseline,
        // Edits made while the save was under way stay unsaved.
        dirty: !sameGraph(toGraph(state.draft), baseline),
        version: action.version,
        overtaken: false,
        note: "",
        tried: false,
        savedMessage: action.created
          ? `Saved as version ${action.version}.`
          : "No changes: the graph is already this version.",
      };
    }
    case "refused":
      return { ...state, serverProblems: problemsFromFieldErrors(action.draft, action.fieldErrors) };
    case "follow": {
      if (action.version === state.version) return state;
      const followed = { ...state, version: action.version };
      if (action.saving || sameGraph(toGraph(toDraft(action.graph)), state.baseline)) return followed;
      if (state.dirty) return { ...followed, overtaken: true };
      const next = placed(action.graph, action.defaultModel);
      return {
        ...followed,
        draft: next.draft,
        end: next.end,
        baseline: toGraph(next.draft),
        selected: null,
        highlightEdge: null,
      };
    }
    case "reset":
      return loadSession(state.baseline, state.version, action.defaultModel);
  }
}
