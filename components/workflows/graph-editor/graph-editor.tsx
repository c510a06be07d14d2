"use client";

import dynamic from "next/dynamic";
import { useEffect, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useSaveGraph } from "@/lib/queries/use-workflows";
import { modelDisplay, modelText, servedGraph } from "@/lib/queries/workflow-graph";
import type { Graph as ServedGraph, Workflow } from "@/lib/queries/workflow-types";
import { END } from "@/lib/graph/types";
import { ModelSuggestions } from "../model-suggestions";
import { connect, newNode, removeNode, toGraph, updateNode, type Draft } from "./draft";
import { autoLayout, placeNew } from "./layout-draft";
import { ShortcutsHelp } from "./shortcuts-help";
import { connectSelectId, NodeFields, nodeFieldId, OutputTypeSuggestions } from "./node-fields";
import { useGraphEditorSession } from "./use-graph-editor-session";
import { draftProblems, type Problem } from "./validate";
import { TonePresets, ToneInput } from "./tone-input";

const EditorCanvas = dynamic(() => import("./editor-canvas").then((m) => m.EditorCanvas), {
  ssr: false,
  loading: () => <SkeletonRows rows={6} label="Loading the canvas" />,
});

const GraphDiagram = dynamic(() => import("../graph-diagram").then((m) => m.GraphDiagram), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the diagram" />,
});

const WIDE = "(min-width: 768px)";

/** True at `md` and wider: the canvas; narrower, the diagram and the list editor. */
function useWide(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const media = window.matchMedia(WIDE);
      media.addEventListener("change", notify);
      return () => media.removeEventListener("change", notify);
    },
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}

/** The draft as the read-only diagram can draw it: unique ids, edges between nodes that exist. */
function readableGraph(draft: Draft): ServedGraph {
  const graph = toGraph(draft);
  const seen = new Set<string>();
  const nodes = graph.nodes.filter((n) => n.id && !seen.has(n.id) && seen.add(n.id));
  const edges = graph.edges.filter((e) => seen.has(e.from) && (e.to === END || seen.has(e.to)));
  return servedGraph({ ...graph, nodes, edges, maxSteps: 1, maxVisitsPerNode: 1 });
}

function focusSoon(find: () => HTMLElement | null | undefined) {
  // After React has drawn the change (and the canvas its nodes).
  let tries = 0;
  const attempt = () => {
    const el = find();
    if (el) el.focus();
    else if (tries++ < 20) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

const canvasNode = (key: string) =>
  document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(key)}"]`);

function problemPlace(draft: Draft, p: Problem): string {
  if (p.target.kind === "node") {
    const key = p.target.key;
    return `Node ${draft.nodes.find((n) => n.key === key)?.id || "(no id)"}`;
  }
  if (p.target.kind === "edge") {
    const key = p.target.key;
    const e = draft.edges.find((x) => x.key === key);
    const id = (k: string) => (k === END ? END : (draft.nodes.find((n) => n.key === k)?.id ?? "?"));
    return e ? `Edge ${id(e.from)} → ${id(e.to)}` : "Edge";
  }
  return (
    { maxSteps: "Max steps", maxVisitsPerNode: "Max visits per node", responseTone: "Response tone" }[p.target.field] ??
    "Graph"
  );
}

/**
 * The graph editor: a canvas (or, at phone width, a diagram and a list) of the
 * workflow's graph, checked as you type by the API's rules; Save makes a new version.
 */
export function GraphEditor({
  slug,
  workflow,
  onDirtyChange,
  onClose,
}: {
  slug: string;
  workflow: Workflow;
  onDirtyChange?: (dirty: boolean) => void;
  onClose: () => void;
}) {
  const defaultModel = modelText(workflow.model);
  const [closing, setClosing] = useState(false);
  const [openInList, setOpenInList] = useState<Set<string>>(() => new Set());
  const save = useSaveGraph(slug, workflow.id);
  const wide = useWide();
  const { session, dispatch, problems, index } = useGraphEditorSession(workflow, save.isPending);
  const { draft, end, dirty, selected, highlightEdge, serverProblems, tried, note, savedMessage, overtaken } = session;

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

  function change(update: (d: Draft) => Draft) {
    dispatch({ type: "edit", update });
  }

  function select(key: string | null, edge?: string) {
    dispatch({ type: "select", key, edge });
  }

  function addNode(from: string | null) {
    const node = newNode(draft, placeNew(draft, from, [end]));
    change((d) => {
      const added = { ...d, nodes: [...d.nodes, node] };
      return from ? connect(added, from, node.key) : added;
    });
    select(node.key);
    if (!wide) setOpenInList((o) => new Set(o).add(node.key));
    focusSoon(() => document.getElementById(nodeFieldId(node.key, "id")));
  }

  function deleteNode(key: string) {
    const i = draft.nodes.findIndex((n) => n.key === key);
    const next = draft.nodes[i + 1] ?? draft.nodes[i - 1];
    change((d) => removeNode(d, key));
    select(null);
    if (next) focusSoon(() => (wide ? canvasNode(next.key) : document.getElementById(`list-node-${next.key}`)));
  }

  function connectFrom(key: string) {
    select(key);
    focusSoon(() => document.getElementById(connectSelectId(key)));
  }

  function layout() {
    const placed = autoLayout(draft, defaultModel);
    dispatch({ type: "edit", update: () => placed.draft, end: placed.end });
  }

  function focusProblem(p: Problem) {
    if (p.target.kind === "graph") {
      focusSoon(() => document.getElementById(`graph-${p.target.field}`));
      return;
    }
    const target = p.target;
    const nodeKey = target.kind === "node" ? target.key : draft.edges.find((e) => e.key === target.key)?.from;
    if (!nodeKey) return;
    select(nodeKey, target.kind === "edge" ? target.key : undefined);
    if (!wide) setOpenInList((o) => new Set(o).add(nodeKey));
    focusSoon(() =>
      target.kind === "node"
        ? (document.getElementById(nodeFieldId(nodeKey, target.field)) ??
          document.getElementById(nodeFieldId(nodeKey, "id")))
        : document.querySelector<HTMLElement>(`[data-edge="${CSS.escape(target.key)}"] select`),
    );
  }

  function submit() {
    dispatch({ type: "submit" });
    if (draftProblems(draft).length) return;
    const sent = draft;
    save.mutate(
      { graph: toGraph(sent), note: note.trim() || undefined },
      {
        onSuccess: (saved) =>
          dispatch({ type: "saved", draft: sent, version: saved.version, created: saved.created !== false }),
        onError: (error) => {
          if (error instanceof ApiError) dispatch({ type: "refused", draft: sent, fieldErrors: error.fieldErrors });
        },
      },
    );
  }

  const selectedNode = draft.nodes.find((n) => n.key === selected) ?? null;
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const general =
    save.error && serverProblems.length === 0
      ? (fieldErrors.note ?? errorMessage(save.error))
      : serverProblems.length
        ? "The server refused the graph: fix the marked fields and save again. Nothing was lost."
        : null;
  const nodeProps = {
    draft,
    problems: index,
    defaultModel,
    onChange: change,
    onConnect: (from: string, to: string) => change((d) => connect(d, from, to)),
    onRemoveEdge: (key: string) => change((d) => ({ ...d, edges: d.edges.filter((e) => e.key !== key) })),
    onDelete: deleteNode,
  };

  return (
    <Card data-testid="graph-editor">
      <CardHeader
        title="Edit graph"
        description={
          <span className="flex flex-wrap items-center gap-2">
            Editing version {workflow.currentVersion} · {draft.nodes.length} nodes, {draft.edges.length} edges
            {dirty ? <Badge tone="warning">Unsaved changes</Badge> : null}
          </span>
        }
        actions={
          <>
            <ShortcutsHelp />
            <Button variant="ghost" size="sm" onClick={() => (dirty ? setClosing(true) : onClose())}>
              Close editor
            </Button>
          </>
        }
      />
      <ModelSuggestions />
      <OutputTypeSuggestions />
      <div className="space-y-4 p-4 sm:p-5">
        <div className="flex flex-wrap items-end gap-3">
          <Button variant="secondary" size="sm" onClick={() => addNode(selected)}>
            Add node
          </Button>
          {wide ? (
            <Button variant="secondary" size="sm" onClick={layout}>
              Auto layout
            </Button>
          ) : null}
          <div className="grid grid-cols-2 gap-3 max-sm:w-full sm:grid-cols-3">
            <Field
              label="Response tone"
              error={index.graph.find((p) => p.target.field === "responseTone")?.message}
              className="col-span-2 sm:col-span-1 sm:w-44"
            >
              <ToneInput
                id="graph-responseTone"
                value={draft.responseTone}
                placeholder="e.g. executive"
                onChange={(responseTone) => change((d) => ({ ...d, responseTone }))}
                className="h-8"
              />
            </Field>
            <TonePresets />
            <Field
              label="Max steps"
              error={index.graph.find((p) => p.target.field === "maxSteps")?.message}
              className="sm:w-32"
            >
              <Input
                id="graph-maxSteps"
                inputMode="numeric"
                value={draft.maxSteps}
                onChange={(e) => change((d) => ({ ...d, maxSteps: e.target.value }))}
                className="h-8"
              />
            </Field>
            <Field
              label="Max visits per node"
              error={index.graph.find((p) => p.target.field === "maxVisitsPerNode")?.message}
              className="sm:w-40"
            >
              <Input
                id="graph-maxVisitsPerNode"
                inputMode="numeric"
                value={draft.maxVisitsPerNode}
                onChange={(e) => change((d) => ({ ...d, maxVisitsPerNode: e.target.value }))}
                className="h-8"
              />
            </Field>
          </div>
        </div>

        {wide ? (
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
            <EditorCanvas
              draft={draft}
              problems={index}
              defaultModel={defaultModel}
              selected={selected}
              end={end}
              label={`Graph editor for ${workflow.name}`}
              onSelect={select}
              onMove={(key, position) => change((d) => updateNode(d, key, { position }))}
              onMoveEnd={(at) => dispatch({ type: "moveEnd", end: at })}
              onConnect={nodeProps.onConnect}
              onDeleteNode={deleteNode}
              onDeleteEdge={nodeProps.onRemoveEdge}
              onAddNode={addNode}
              onConnectFrom={connectFrom}
            />
            <section
              aria-label="Inspector"
              className="min-w-0 rounded-md border border-zinc-200 p-3 lg:max-h-[36rem] lg:overflow-y-auto"
            >
              {selectedNode ? (
                <>
                  <h3 className="mb-3 text-sm font-semibold text-zinc-900">Node {selectedNode.id || "(no id)"}</h3>
                  <NodeFields key={selectedNode.key} node={selectedNode} highlightEdge={highlightEdge} {...nodeProps} />
                </>
              ) : (
                <p className="text-sm text-zinc-600">
                  Choose a node to edit its role, prompt, model, typed output and edges. Drag from a node’s bottom dot
                  to another node to connect them; drag nodes to move them.
                </p>
              )}
            </section>
          </div>
        ) : (
          <div className="space-y-4">
            <GraphDiagram
              graph={readableGraph(draft)}
              defaultModel={modelDisplay(workflow.model)}
              label={`Diagram of ${workflow.name} (draft)`}
            />
            <ol className="space-y-2" aria-label="Nodes">
              {draft.nodes.map((n) => {
                const count = index.nodes.get(n.key)?.length ?? 0;
                return (
                  <li key={n.key} data-testid="list-node">
                    <details
                      open={openInList.has(n.key)}
                      onToggle={(e) => {
                        const isOpen = e.currentTarget.open;
                        setOpenInList((o) => {
                          const next = new Set(o);
                          if (isOpen) next.add(n.key);
                          else next.delete(n.key);
                          return next;
                        });
                      }}
                      className={`rounded-md border ${count ? "border-red-300" : "border-zinc-200"}`}
                    >
                      <summary
                        id={`list-node-${n.key}`}
                        className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2.5 text-sm"
                      >
                        <span className="font-mono text-xs text-zinc-600">{n.id || "(no id)"}</span>
                        <span className="font-semibold text-zinc-900">{n.role || "(no role)"}</span>
                        {draft.start === n.key ? <Badge>Start</Badge> : null}
                        {count ? <Badge tone="danger">{count === 1 ? "1 problem" : `${count} problems`}</Badge> : null}
                      </summary>
                      {openInList.has(n.key) ? (
                        <div className="border-t border-zinc-100 p-3">
                          <NodeFields node={n} {...nodeProps} />
                        </div>
                      ) : null}
                    </details>
                  </li>
                );
              })}
            </ol>
          </div>
        )}

        {problems.length ? (
          <section
            aria-label="Problems"
            data-testid="graph-problems"
            className={`rounded-md border px-3 py-2.5 text-sm ${tried ? "border-red-300 bg-red-50" : "border-amber-200 bg-amber-50"}`}
          >
            <h3 className="font-medium text-zinc-900">
              {problems.length === 1 ? "1 problem" : `${problems.length} problems`}
              {tried ? ": fix them to save" : ""}
            </h3>
            <ul className="mt-1 space-y-1">
              {problems.map((p, i) => (
                <li key={i}>
                  <button
                    type="button"
                    onClick={() => focusProblem(p)}
                    className="text-left text-zinc-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                  >
                    <span className="font-medium">{problemPlace(draft, p)}:</span> {p.message}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p className="text-sm text-emerald-700" role="status" data-testid="graph-valid">
            The graph passes every check.
          </p>
        )}

        {overtaken ? (
          <Alert tone="warning" title={`Version ${workflow.currentVersion} is now current`}>
            It was saved or restored while you edited. Saving makes your draft the newest version.
          </Alert>
        ) : null}
        {general ? <Alert tone="error">{general}</Alert> : null}
        {savedMessage ? (
          <p role="status" className="text-sm font-medium text-emerald-700">
            {savedMessage}
          </p>
        ) : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Field
            label="Note"
            hint="Optional: why the graph changed (shown in the version history)."
            className="min-w-0 flex-1"
            error={fieldErrors.note}
          >
            <Input value={note} onChange={(e) => dispatch({ type: "note", note: e.target.value })} maxLength={500} />
          </Field>
          <Button onClick={submit} loading={save.isPending} disabled={!dirty && !save.error}>
            Save graph
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={closing}
        title="Discard unsaved changes?"
        description="The graph has changes that are not saved. Closing the editor discards them."
        confirmLabel="Discard changes"
        onClose={() => setClosing(false)}
        onConfirm={() => {
          setClosing(false);
          dispatch({ type: "reset", defaultModel });
          onClose();
        }}
      />
    </Card>
  );
}
