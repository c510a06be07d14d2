import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { modelDisplay } from "@/lib/queries/workflow-graph";
import { END, type Graph } from "@/lib/queries/workflow-types";
import { edgeLabel } from "./edge-label";

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
export function NodeList({ graph, defaultModel }: { graph: Graph; defaultModel: string }) {
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
                  {node.model ? modelDisplay(node.model) : `${defaultModel} (default)`}
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
