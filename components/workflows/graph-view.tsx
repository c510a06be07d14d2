"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { modelDisplay, workflowGraph } from "@/lib/queries/workflow-graph";
import type { Workflow } from "@/lib/queries/workflow-types";
import { CopyDiagram } from "./copy-diagram";
import { NodeList } from "./graph-node-list";

// The diagram library and its CSS load only on pages that draw a graph.
const GraphDiagram = dynamic(() => import("./graph-diagram").then((m) => m.GraphDiagram), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the diagram" />,
});

/** A graph workflow: its diagram, how to change it, and its nodes. */
export function GraphPanel({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const graph = workflowGraph(workflow);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Graph"
          description={`Version ${workflow.currentVersion} · ${graph.nodes.length} nodes, ${graph.edges.length} edges`}
          actions={<CopyDiagram slug={slug} workflow={workflow} />}
        />
        <div className="space-y-3 p-4 sm:p-5">
          <GraphDiagram
            graph={graph}
            defaultModel={modelDisplay(workflow.model)}
            label={`Diagram of ${workflow.name}`}
          />
          <p className="text-sm text-zinc-600" data-testid="graph-edit-note">
            <strong className="font-medium text-zinc-800">Edit graph</strong> opens the editor; scripts use{" "}
            <code className="rounded bg-zinc-100 px-1 font-mono text-xs">
              PUT /api/v1/workflows/{workflow.id}/graph
            </code>{" "}
            with <code className="font-mono text-xs">{"{ graph, note? }"}</code> (both make a new version; see “Graph
            workflows” in the README, and the{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-accent underline">
              OpenAPI document
            </a>
            ).
          </p>
        </div>
      </Card>
      <NodeList graph={graph} defaultModel={modelDisplay(workflow.model)} />
    </div>
  );
}

/** A crew workflow's chain as a diagram, drawn only once opened. */
export function CrewDiagram({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const [open, setOpen] = useState(false);
  return (
    <Card>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-zinc-900 select-none sm:px-5">
          Diagram
        </summary>
        {open ? (
          <div className="space-y-3 border-t border-zinc-100 p-4 sm:p-5">
            <CopyDiagram slug={slug} workflow={workflow} />
            <GraphDiagram
              graph={workflowGraph(workflow)}
              defaultModel={modelDisplay(workflow.model)}
              label={`Diagram of ${workflow.name}`}
            />
          </div>
        ) : null}
      </details>
    </Card>
  );
}
