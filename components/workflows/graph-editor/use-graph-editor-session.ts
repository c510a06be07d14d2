import { useEffect, useMemo, useReducer, useState, type Dispatch } from "react";
import { editableGraph, modelText } from "@/lib/queries/workflow-graph";
import type { Workflow } from "@/lib/queries/workflow-types";
import { editorSession, loadSession, type EditorSession, type SessionAction } from "./session";
import { draftProblems, indexProblems, type Problem, type ProblemIndex } from "./validate";

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return current;
}

export interface GraphEditorSession {
  session: EditorSession;
  dispatch: Dispatch<SessionAction>;
  /** The draft's problems (checked a moment after typing stops) and the server's. */
  problems: Problem[];
  index: ProblemIndex;
}

/**
 * The graph editor's session on `workflow`: its draft, baseline, problems and the version it
 * follows, in one reducer (session.ts). When the page reads a newer current version, an
 * unchanged draft follows it; `saving` says the newer version is the one being saved.
 */
export function useGraphEditorSession(workflow: Workflow, saving: boolean): GraphEditorSession {
  const defaultModel = modelText(workflow.model);
  const [session, dispatch] = useReducer(editorSession, workflow, (w) =>
    loadSession(editableGraph(w.graph), w.currentVersion, modelText(w.model)),
  );

  // The reducer ignores a version it already follows, so this acts once per new version.
  useEffect(() => {
    dispatch({
      type: "follow",
      graph: editableGraph(workflow.graph),
      version: workflow.currentVersion,
      defaultModel,
      saving,
    });
  }, [workflow, defaultModel, saving]);

  const checked = useDebounced(session.draft, 250);
  const problems = useMemo(
    () => [...draftProblems(checked), ...session.serverProblems],
    [checked, session.serverProblems],
  );
  const index = useMemo(() => indexProblems(problems), [problems]);
  return { session, dispatch, problems, index };
}
