"use client";

import dynamic from "next/dynamic";
import { useMemo } from "react";
import { Card } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { DiagramLegend } from "@/components/workflows/diagram-legend";
import { useWorkflow, useWorkflowVersion } from "@/lib/queries/use-workflows";
import { modelDisplay, stepNodeId, workflowGraph } from "@/lib/queries/workflow-graph";
import type { Run } from "@/lib/queries/workflow-types";
import { runGraph } from "./run-graph";
import { overlayOf, pathKey } from "./run-graph-view";

const GraphDiagram = dynamic(() => import("@/components/workflows/graph-diagram").then((m) => m.GraphDiagram), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the diagram" />,
});

const LEGEND = [
  { swatch: "border-2 border-accent bg-white", label: "visited (×n: more than once)" },
  { swatch: "border-2 border-red-600 bg-red-50", label: "✕ failed here" },
  { swatch: "border border-dashed border-zinc-300 bg-zinc-100", label: "not visited" },
  { swatch: "h-1! bg-accent", label: "edge taken (#n: into step n)" },
];

/** One run's path drawn on the graph of the version it ran. */
function RunPath({ slug, side, run }: { slug: string; side: "A" | "B"; run: Run }) {
  const version = useWorkflowVersion(slug, run.workflowId, run.version);
  const workflow = useWorkflow(slug, run.workflowId);
  const graph = useMemo(() => (version.data ? workflowGraph(version.data) : null), [version.data]);
  const key = pathKey(run);
  const overlay = useMemo(() => (graph ? overlayOf(graph, runGraph(graph, JSON.parse(key))) : null), [graph, key]);
  const path = run.steps.map(stepNodeId).join(" → ");
  return (
    <figure className="min-w-0 space-y-2" data-testid={`compare-path-${side.toLowerCase()}`}>
      <figcaption className="text-sm">
        <span className="font-semibold text-zinc-900">{side}</span>{" "}
        <span className="text-zinc-500">v{run.version} · </span>
        <span className="font-mono text-xs text-zinc-700" data-testid={`compare-path-${side.toLowerCase()}-nodes`}>
          {path || "no steps yet"}
        </span>
      </figcaption>
      {graph && overlay ? (
        <GraphDiagram
          graph={graph}
          defaultModel={workflow.data ? modelDisplay(workflow.data.model) : "the workflow's model"}
          label={`Path of run ${side} through ${run.workflowName}`}
          overlay={overlay}
        />
      ) : version.isError ? (
        <QueryError title="Could not load the graph of this run" error={version.error} onRetry={version.refetch} />
      ) : (
        <SkeletonRows rows={4} label="Loading the graph" />
      )}
    </figure>
  );
}

/** The two runs' paths side by side, each on the graph of the version it ran. */
export function ComparePaths({ slug, a, b }: { slug: string; a: Run; b: Run }) {
  return (
    <Card>
      <section aria-labelledby="compare-paths-title" className="space-y-3 px-4 py-3">
        <h2 id="compare-paths-title" className="text-sm font-semibold text-zinc-900">
          Paths
        </h2>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <RunPath slug={slug} side="A" run={a} />
          <RunPath slug={slug} side="B" run={b} />
        </div>
        <DiagramLegend items={LEGEND} label="Paths legend" />
      </section>
    </Card>
  );
}
