"use client";

import dynamic from "next/dynamic";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { DiagramOverlay, EdgeOverlay, NodeOverlay } from "@/components/workflows/diagram-overlay";
import { DiagramLegend } from "@/components/workflows/diagram-legend";
import { useWorkflow, useWorkflowVersion } from "@/lib/queries/use-workflows";
import { modelDisplay, stepVisit, workflowGraph } from "@/lib/queries/workflow-graph";
import { END, type Graph, type Run } from "@/lib/queries/workflow-types";
import { edgeKey, runGraph, type NodeRunState, type PathStep, type RunGraph } from "./run-graph";
import { RunPathView } from "./run-path-view";

const GraphDiagram = dynamic(() => import("@/components/workflows/graph-diagram").then((m) => m.GraphDiagram), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the diagram" />,
});

const LEGEND = [
  { swatch: "border-2 border-accent bg-white", label: "visited (×n: more than once)" },
  { swatch: "border-2 border-accent bg-accent-soft", label: "running" },
  { swatch: "border-2 border-red-600 bg-red-50", label: "✕ failed here" },
  { swatch: "border border-dashed border-zinc-300 bg-zinc-100", label: "not visited" },
  { swatch: "h-1! bg-accent", label: "edge taken (#n: into step n)" },
  { swatch: "border border-zinc-400 bg-white", label: "∥ ran in a parallel branch" },
];

const stepList = (steps: PathStep[]) => steps.map((s) => s.index + 1).join(", ");

function nodeOverlay(state: NodeRunState): NodeOverlay {
  const n = state.steps.length;
  const badges: string[] = [];
  const said: string[] = [];
  if (state.status === "failed") {
    badges.push("✕ failed");
    said.push(`failed here: ${state.error ?? "the run failed"}`);
  }
  if (state.status === "running") {
    badges.push("running");
    said.push("running now");
  }
  if (n > 1) badges.push(`×${n}`);
  if (state.parallel) {
    badges.push("∥ parallel");
    said.push("ran in a parallel branch");
  }
  said.unshift(n ? `visited ${n === 1 ? "once" : `${n} times`} (step ${stepList(state.steps)})` : "not visited");
  return { tone: state.status, badges, describe: said.join(", ") };
}

export function overlayOf(graph: Graph, state: RunGraph): Omit<DiagramOverlay, "selected" | "onSelect"> {
  const nodes = new Map<string, NodeOverlay>();
  for (const [id, s] of state.nodes) nodes.set(id, nodeOverlay(s));
  const edges = new Map<string, EdgeOverlay>();
  for (const e of graph.edges) {
    const taken = state.edges.get(edgeKey(e.from, e.to));
    if (!taken) edges.set(edgeKey(e.from, e.to), { tone: "untaken", describe: "not taken" });
    else if (e.to === END)
      edges.set(edgeKey(e.from, e.to), { tone: "taken", label: "ended", describe: "taken: ended the run" });
    else {
      edges.set(edgeKey(e.from, e.to), {
        tone: "taken",
        label: taken.steps.map((n) => `#${n}`).join(", "),
        describe: `taken into step ${taken.steps.join(", ")}`,
      });
    }
  }
  return { nodes, edges };
}

/** Scrolls to a step's card and moves focus there. */
function goToStep(id: string) {
  const card = document.getElementById(`step-${id}`);
  card?.scrollIntoView({ block: "start", behavior: "smooth" });
  card?.focus({ preventScroll: true });
}

/** The chosen node's visits, each a way to its step card; why it failed when it did. */
function NodeVisits({
  graph,
  state,
  nodeId,
  onClose,
}: {
  graph: Graph;
  state: RunGraph;
  nodeId: string;
  onClose: () => void;
}) {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const s = state.nodes.get(nodeId);
  if (!node || !s) return null;
  return (
    <section
      aria-labelledby="node-visits-title"
      className="rounded-md border border-zinc-200 bg-white px-3 py-2.5"
      data-testid="node-visits"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="node-visits-title" className="text-sm font-semibold text-zinc-900">
          <span className="font-mono">{node.id}</span> · {node.role} ·{" "}
          {s.steps.length === 1 ? "1 visit" : `${s.steps.length} visits`}
        </h3>
        <Button variant="ghost" size="sm" className="ml-auto" onClick={onClose}>
          Close
        </Button>
      </div>
      {s.error ? (
        <p className="mt-1 text-sm text-red-800" data-testid="node-visits-error">
          <span className="font-medium">Failed here: </span>
          {s.error}
        </p>
      ) : null}
      {s.steps.length ? (
        <ol className="mt-1.5 flex flex-wrap gap-2">
          {s.steps.map((step) => (
            <li key={step.id}>
              <Button variant="secondary" size="sm" onClick={() => goToStep(step.id)}>
                Step {step.index + 1} · visit {stepVisit(step)} · {step.status}
              </Button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-1 text-sm text-zinc-600">Not visited in this run.</p>
      )}
    </section>
  );
}

/** What the diagram reads of the run, as text: it changes only when a step starts, ends or moves on. */
export function pathKey(run: Run): string {
  return JSON.stringify({
    status: run.status,
    error: run.error,
    errorStepIndex: run.errorStepIndex,
    steps: run.steps.map(({ id, index, role, status, nodeId, visit, branch }): PathStep => ({
      id,
      index,
      role,
      status,
      nodeId,
      visit,
      branch,
    })),
  });
}

function Drawn({
  graph,
  run,
  defaultModel,
  selected,
  onSelect,
}: {
  graph: Graph;
  run: Run;
  defaultModel: string;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const key = pathKey(run);
  const state = useMemo(() => runGraph(graph, JSON.parse(key)), [graph, key]);
  const base = useMemo(() => overlayOf(graph, state), [graph, state]);
  const overlay = useMemo<DiagramOverlay>(() => ({ ...base, selected, onSelect }), [base, selected, onSelect]);
  const failed = state.failedNode ? state.nodes.get(state.failedNode) : undefined;
  return (
    <div className="space-y-3">
      <GraphDiagram
        graph={graph}
        defaultModel={defaultModel}
        label={`Path of this run through ${run.workflowName}`}
        overlay={overlay}
      />
      <DiagramLegend items={LEGEND} label="Diagram legend" />
      {state.failedNode ? (
        <p className="text-sm text-red-800" data-testid="failed-node">
          <span aria-hidden="true">✕ </span>Failed at node{" "}
          <code className="font-mono font-semibold">{state.failedNode}</code>: {failed?.error ?? run.error}
        </p>
      ) : null}
      <p className="text-xs text-zinc-600">
        Choose a node (click it, or Tab to it and press Enter) to list its visits.
      </p>
      {selected ? <NodeVisits graph={graph} state={state} nodeId={selected} onClose={() => onSelect(null)} /> : null}
    </div>
  );
}

/** A graph run's path: the breadcrumb of visits and the graph it ran, the path drawn on it, kept live. */
export function RunGraphView({
  slug,
  run,
  selected,
  onSelect,
}: {
  slug: string;
  run: Run;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const version = useWorkflowVersion(slug, run.workflowId, run.version);
  // Nodes without a model of their own show the workflow's default.
  const workflow = useWorkflow(slug, run.workflowId);
  return (
    <Card>
      <RunPathView run={run} selected={selected} onSelect={onSelect} />
      <div className="border-t border-zinc-100 px-4 py-3 sm:px-5">
        {version.data ? (
          <Drawn
            graph={workflowGraph(version.data)}
            run={run}
            defaultModel={workflow.data ? modelDisplay(workflow.data.model) : "the workflow's model"}
            selected={selected}
            onSelect={onSelect}
          />
        ) : version.isError ? (
          <QueryError title="Could not load the graph of this run" error={version.error} onRetry={version.refetch} />
        ) : (
          <SkeletonRows rows={4} label="Loading the graph" />
        )}
      </div>
    </Card>
  );
}
