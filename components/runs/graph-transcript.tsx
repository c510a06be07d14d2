"use client";

import { stepNodeId } from "@/lib/queries/workflow-graph";
import { isTerminal, type Run, type RunStep } from "@/lib/queries/workflow-types";
import { nextNodes, pathSegments, visitCounts } from "./run-path";
import { StepCard } from "./step-card";

/** A graph run's steps in order, the steps of a parallel fan-out in lanes side by side (stacked on a phone). */
export function GraphTranscript({ slug, run, selected }: { slug: string; run: Run; selected?: string | null }) {
  const visits = visitCounts(run.steps);
  const next = nextNodes(run);
  const card = (step: RunStep, withNext: boolean) => (
    <StepCard
      key={step.id}
      slug={slug}
      runId={run.id}
      step={step}
      total={run.steps.length}
      path={{ visits: visits.get(stepNodeId(step)) ?? 1, next: withNext ? next.get(step.id) : undefined }}
      chosen={selected === stepNodeId(step)}
      forkable={isTerminal(run.status)}
    />
  );
  return (
    <ol className="space-y-3">
      {pathSegments(run.steps).map((segment) => {
        if (segment.kind === "step") return card(segment.step, true);
        const branches = segment.lanes.map((l) => l.branch);
        return (
          <li key={segment.lanes[0]!.steps[0]!.id} data-testid="parallel-lanes">
            <section aria-label={`Parallel branches: ${branches.join(", ")}`}>
              <p className="mb-2 text-xs font-medium text-zinc-600">
                In parallel: {branches.length} {branches.length === 1 ? "branch" : "branches"}
              </p>
              <div className="flex flex-col gap-3 lg:grid lg:auto-cols-fr lg:grid-flow-col">
                {segment.lanes.map((lane) => (
                  <section
                    key={lane.branch}
                    aria-labelledby={`lane-${segment.lanes[0]!.steps[0]!.id}-${lane.branch}`}
                    data-testid="lane"
                    className="min-w-0 rounded-lg border border-dashed border-zinc-300 p-2"
                  >
                    <h3
                      id={`lane-${segment.lanes[0]!.steps[0]!.id}-${lane.branch}`}
                      className="mb-2 px-1 text-xs font-semibold text-zinc-700"
                    >
                      Branch <span className="font-mono">{lane.branch}</span>
                    </h3>
                    <ol className="space-y-3">{lane.steps.map((step) => card(step, false))}</ol>
                  </section>
                ))}
              </div>
            </section>
          </li>
        );
      })}
    </ol>
  );
}
