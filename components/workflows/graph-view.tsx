"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/queries/api-client";
import { useCopyDiagram } from "@/lib/queries/use-workflows";
import { workflowGraph } from "@/lib/queries/workflow-graph";
import { END, type DiagramFormat, type Graph, type Workflow } from "@/lib/queries/workflow-types";
import { edgeLabel } from "./edge-label";

// The diagram library and its CSS load only on pages that draw a graph.
const GraphDiagram = dynamic(() => import("./graph-diagram").then((m) => m.GraphDiagram), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the diagram" />,
});

const formats: { format: DiagramFormat; label: string }[] = [
  { format: "mermaid", label: "Copy Mermaid" },
  { format: "dot", label: "Copy DOT" },
];

/** Copies the graph as Mermaid or DOT source, fetched from the diagram endpoint. */
function CopyDiagram({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const copy = useCopyDiagram(slug, workflow.id, workflow.currentVersion);
  const status = copy.isSuccess
    ? `Copied the ${copy.data.format === "dot" ? "DOT" : "Mermaid"} source.`
    : copy.isError
      ? `Could not copy: ${errorMessage(copy.error)}`
      : "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {formats.map(({ format, label }) => (
        <Button
          key={format}
          variant="secondary"
          size="sm"
          loading={copy.isPending && copy.variables === format}
          onClick={() => copy.mutate(format)}
        >
          {label}
        </Button>
      ))}
      <p role="status" className={copy.isError ? "text-xs text-red-700" : "text-xs text-zinc-600"}>
        {status}
      </p>
    </div>
  );
}

function capsText(graph: Graph): string {
  return `Starts at ${graph.start} · at most ${graph.maxSteps} steps a run, ${graph.maxVisitsPerNode} visits of any one node.`;
}

/** Where each node may go next, as text beside the diagram. */
function Edges({ graph, id }: { graph: Graph; id: string }) {
  const out = graph.edges.filter((e) => e.from === id);
  if (!out.length) return null;
  return (
    <p className="text-xs text-zinc-600">
      <span className="font-medium text-zinc-700">Next: </span>
      {out.map((e, i) => {
        const label = edgeLabel(e, out);
        return (
          <span key={i}>
            {i ? ", " : ""}
            <span className="font-mono">{e.to === END ? "END" : e.to}</span>
            {label === "default" ? " (default)" : label ? ` when ${label}` : ""}
          </span>
        );
      })}
    </p>
  );
}

/** A graph's nodes, read-only: role, id, model, typed output fields, prompt. */
function NodeList({ graph, defaultModel }: { graph: Graph; defaultModel: string }) {
  return (
    <Card>
      <CardHeader title="Nodes" description={capsText(graph)} />
      <ol className="divide-y divide-zinc-100" aria-label="Nodes">
        {graph.nodes.map((node) => {
          const fields = Object.entries(node.output ?? {});
          return (
            <li key={node.id} data-testid="graph-node" className="space-y-1.5 px-4 py-3 sm:px-5">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="text-sm font-semibold text-zinc-900">{node.role}</h3>
                <span className="font-mono text-xs text-zinc-600">{node.id}</span>
                {node.id === graph.start ? <Badge>Start</Badge> : null}
                {node.join ? <Badge tone="accent">Join: waits for all branches</Badge> : null}
                <span className="ml-auto font-mono text-xs text-zinc-600">
                  {node.model ?? `${defaultModel} (default)`}
                </span>
              </div>
              {fields.length ? (
                <dl className="flex flex-wrap gap-1.5 text-xs" aria-label={`Typed output of ${node.id}`}>
                  {fields.map(([name, type]) => (
                    <div key={name} className="rounded bg-zinc-50 px-1.5 py-0.5 font-mono ring-1 ring-zinc-200">
                      <dt className="inline text-zinc-800 after:content-[':_']">{name}</dt>
                      <dd className="inline text-zinc-600">{type}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              <Edges graph={graph} id={node.id} />
              <details>
                <summary className="cursor-pointer text-xs font-medium text-zinc-600 hover:text-zinc-900">
                  System prompt
                </summary>
                <pre className="mt-1 max-h-72 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap text-zinc-800 ring-1 ring-zinc-200">
                  {node.systemPrompt}
                </pre>
              </details>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

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
          <GraphDiagram graph={graph} defaultModel={workflow.model} label={`Diagram of ${workflow.name}`} />
          <p className="text-sm text-zinc-600" data-testid="graph-edit-note">
            The graph is read-only here. Change it through the API:{" "}
            <code className="rounded bg-zinc-100 px-1 font-mono text-xs">
              PUT /api/v1/workflows/{workflow.id}/graph
            </code>{" "}
            with <code className="font-mono text-xs">{"{ graph, note? }"}</code> makes a new version (see “Graph
            workflows” in the README, and the{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-accent underline">
              OpenAPI document
            </a>
            ).
          </p>
        </div>
      </Card>
      <NodeList graph={graph} defaultModel={workflow.model} />
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
              defaultModel={workflow.model}
              label={`Diagram of ${workflow.name}`}
            />
          </div>
        ) : null}
      </details>
    </Card>
  );
}
