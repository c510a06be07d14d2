"use client";

import dynamic from "next/dynamic";
import { useMemo, type ReactNode } from "react";
import { SkeletonRows } from "@/components/ui/skeleton";
import { editableGraph } from "@/lib/queries/workflow-graph";
import type { Budget, Graph } from "@/lib/queries/workflow-types";
import { diffGraphs, type GraphDiff, type SettingChange } from "@/lib/workflows/graph/diff-graphs";
import { DiagramLegend } from "./diagram-legend";
import { conditionText, diffDiagram } from "./diff-overlay";

const GraphDiagram = dynamic(() => import("./graph-diagram").then((m) => m.GraphDiagram), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the diagram" />,
});

const LEGEND = [
  { swatch: "border-2 border-emerald-600 bg-emerald-50", label: "+ added" },
  { swatch: "border-2 border-dashed border-red-600 bg-red-50", label: "− removed (struck through)" },
  { swatch: "border-2 border-amber-500 bg-amber-50", label: "~ changed (fields named)" },
  { swatch: "border border-zinc-300 bg-white", label: "unchanged or moved only" },
];

function budgetText(b: Budget | undefined): string {
  if (!b) return "none";
  const parts = [];
  if (b.wall_clock !== undefined) parts.push(`${b.wall_clock} min`);
  if (b.spend) parts.push(`$${b.spend.usd}`);
  return parts.join(", ");
}

function settingText(change: SettingChange, value: unknown): string {
  if (value === undefined || value === null) return "none";
  if (change.setting === "budget") return budgetText(value as Budget);
  if (change.setting === "trigger") {
    const t = value as { event: string } | { cron: string; timezone: string };
    return "event" in t ? `event ${t.event}` : `cron “${t.cron}” (${t.timezone})`;
  }
  return String(value);
}

function Line({ sign, tone, children }: { sign: string; tone: "added" | "removed" | "changed"; children: ReactNode }) {
  const classes = {
    added: "text-emerald-800",
    removed: "text-red-800",
    changed: "text-amber-900",
  }[tone];
  return (
    <li className={classes} data-change={tone}>
      <span aria-hidden="true" className="inline-block w-4 font-mono font-bold">
        {sign}
      </span>
      <span className="sr-only">{tone}: </span>
      {children}
    </li>
  );
}

/** What changed, in words: nodes, edges and settings. */
export function DiffList({ diff, before, after }: { diff: GraphDiff; before: Graph; after: Graph }) {
  if (diff.same) {
    return (
      <p className="text-sm text-zinc-600" data-testid="graph-diff-list">
        No changes{diff.nodes.moved.length ? ` besides node positions (${diff.nodes.moved.join(", ")} moved)` : ""}.
      </p>
    );
  }
  const role = (g: Graph, id: string) => g.nodes.find((n) => n.id === id)?.role;
  return (
    <ul className="space-y-1 text-sm" data-testid="graph-diff-list" aria-label="Changes">
      {diff.nodes.added.map((id) => (
        <Line key={`na-${id}`} sign="+" tone="added">
          Node <code className="font-mono">{id}</code> ({role(after, id)}) added
        </Line>
      ))}
      {diff.nodes.removed.map((id) => (
        <Line key={`nr-${id}`} sign="−" tone="removed">
          Node <code className="font-mono">{id}</code> ({role(before, id)}) removed
        </Line>
      ))}
      {diff.nodes.changed.map(({ id, fields }) => (
        <Line key={`nc-${id}`} sign="~" tone="changed">
          Node <code className="font-mono">{id}</code>: {fields.join(", ")} changed
        </Line>
      ))}
      {diff.edges.added.map((e) => (
        <Line key={`ea-${e.from}-${e.to}`} sign="+" tone="added">
          Edge{" "}
          <code className="font-mono">
            {e.from} → {e.to}
          </code>
          {e.when !== undefined ? ` when ${conditionText(e)}` : ""} added
        </Line>
      ))}
      {diff.edges.removed.map((e) => (
        <Line key={`er-${e.from}-${e.to}`} sign="−" tone="removed">
          Edge{" "}
          <code className="font-mono">
            {e.from} → {e.to}
          </code>
          {e.when !== undefined ? ` when ${conditionText(e)}` : ""} removed
        </Line>
      ))}
      {diff.edges.changed.map((e) => (
        <Line key={`ec-${e.from}-${e.to}`} sign="~" tone="changed">
          Edge{" "}
          <code className="font-mono">
            {e.from} → {e.to}
          </code>
          : when {conditionText({ when: e.before })} → {conditionText({ when: e.after })}
        </Line>
      ))}
      {diff.settings.map((s) => (
        <Line key={`s-${s.setting}`} sign="~" tone="changed">
          <code className="font-mono">{s.setting}</code>: {settingText(s, s.before)} → {settingText(s, s.after)}
        </Line>
      ))}
      {diff.nodes.moved.length ? (
        <li className="text-zinc-600">
          <span aria-hidden="true" className="inline-block w-4" />
          Moved only: {diff.nodes.moved.join(", ")}
        </li>
      ) : null}
    </ul>
  );
}

/** Two versions of a graph compared: the changes listed, then drawn on one diagram with a legend. */
export function GraphDiffView({
  before,
  after,
  defaultModel,
  label,
}: {
  before: Graph;
  after: Graph;
  defaultModel: string;
  /** The diagram's accessible name. */
  label: string;
}) {
  const diff = useMemo(() => diffGraphs(editableGraph(before), editableGraph(after)), [before, after]);
  const drawn = useMemo(() => diffDiagram(before, after, diff), [before, after, diff]);
  return (
    <div className="space-y-3" data-testid="graph-diff">
      <DiffList diff={diff} before={before} after={after} />
      <GraphDiagram graph={drawn.graph} defaultModel={defaultModel} label={label} overlay={drawn.overlay} />
      <DiagramLegend items={LEGEND} label="Diagram legend" />
    </div>
  );
}
