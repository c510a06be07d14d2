"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { LoadMoreButton } from "@/components/ui/load-more";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field } from "@/components/ui/field";
import { QueryState } from "@/components/ui/query-state";
import { Select } from "@/components/ui/select";
import { errorMessage } from "@/lib/queries/api-client";
import { formatDateTime, formatRelative } from "@/lib/queries/format";
import { useRestoreVersion, useWorkflowVersions } from "@/lib/queries/use-workflows";
import { modelDisplay, sizeLabel, workflowCrew, workflowGraph, workflowKind } from "@/lib/queries/workflow-graph";
import type { Graph, WorkflowVersion } from "@/lib/queries/workflow-types";
import { GraphDiffView } from "./graph-diff";

const sourceLabels: Record<WorkflowVersion["source"], string> = {
  user: "Edited",
  restore: "Restored",
  reflection: "Changed by an agent",
  rollback: "Rolled back",
};

/** A graph version: its nodes (role, id, model) and where the run starts. */
function GraphVersionDetails({ graph, defaultModel }: { graph: Graph; defaultModel: string }) {
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-zinc-600 hover:text-zinc-900">
        {graph.nodes.map((n) => n.id).join(", ")}
      </summary>
      <ul className="mt-2 space-y-2 border-l-2 border-zinc-100 pl-3">
        {graph.nodes.map((n) => (
          <li key={n.id}>
            <p className="text-xs font-medium text-zinc-800">
              <span className="font-mono">{n.id}</span>
              {n.id === graph.start ? " (start)" : ""} · {n.role} ·{" "}
              <span className="text-zinc-500">{n.model ? modelDisplay(n.model) : `${defaultModel} (default)`}</span>
            </p>
            <p className="line-clamp-3 text-xs whitespace-pre-wrap text-zinc-600">{n.systemPrompt}</p>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-zinc-500">
        {graph.edges.length} edges · at most {graph.maxSteps} steps, {graph.maxVisitsPerNode} visits a node
      </p>
    </details>
  );
}

function VersionItem({
  version,
  defaultModel,
  onRestore,
  onCompare,
}: {
  version: WorkflowVersion;
  defaultModel: string;
  onRestore: () => void;
  /** Set for a graph version with an older one loaded: compares it with that one. */
  onCompare?: () => void;
}) {
  const graph = workflowKind(version) === "graph";
  const crew = workflowCrew(version);
  return (
    <li data-testid="version-item" className="px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-zinc-900">Version {version.version}</span>
        {version.current ? <Badge tone="accent">Current</Badge> : null}
        <Badge>{sourceLabels[version.source]}</Badge>
        {graph ? <Badge tone="accent">Graph · {sizeLabel(version)}</Badge> : null}
        <span className="text-xs text-zinc-500" title={formatDateTime(version.createdAt)}>
          {formatRelative(version.createdAt)}
        </span>
        <span className="ml-auto flex gap-2">
          {onCompare ? (
            <Button variant="ghost" size="sm" onClick={onCompare} aria-label={`Changes in version ${version.version}`}>
              Changes
            </Button>
          ) : null}
          {version.current ? null : (
            <Button variant="secondary" size="sm" onClick={onRestore} aria-label={`Restore version ${version.version}`}>
              Restore
            </Button>
          )}
        </span>
      </div>
      {version.note ? <p className="mt-1 text-sm text-zinc-600">{version.note}</p> : null}
      {graph ? (
        <GraphVersionDetails graph={workflowGraph(version)} defaultModel={defaultModel} />
      ) : (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-zinc-600 hover:text-zinc-900">
            {crew.map((a) => a.role).join(" → ")}
          </summary>
          <ol className="mt-2 space-y-2 border-l-2 border-zinc-100 pl-3">
            {crew.map((a, i) => (
              <li key={i}>
                <p className="text-xs font-medium text-zinc-800">
                  {i + 1}. {a.role} ·{" "}
                  <span className="text-zinc-500">{a.model ? modelDisplay(a.model) : `${defaultModel} (default)`}</span>
                </p>
                <p className="line-clamp-3 text-xs whitespace-pre-wrap text-zinc-600">{a.systemPrompt}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

/** Two graph versions side by side: pick any two (default: the newest and the one before it). */
function CompareVersions({
  items,
  pair,
  onPair,
  defaultModel,
  onRestore,
}: {
  items: WorkflowVersion[];
  pair: { from: number; to: number };
  onPair: (pair: { from: number; to: number }) => void;
  defaultModel: string;
  onRestore: (version: WorkflowVersion) => void;
}) {
  const from = items.find((v) => v.version === pair.from);
  const to = items.find((v) => v.version === pair.to);
  const options = items.map((v) => (
    <option key={v.version} value={v.version}>
      Version {v.version}
      {v.current ? " (current)" : ""}
    </option>
  ));
  return (
    <section aria-labelledby="compare-versions-title" className="space-y-3 border-b border-zinc-100 px-4 py-4 sm:px-5">
      <h3 id="compare-versions-title" className="text-sm font-semibold text-zinc-900">
        Compare versions
      </h3>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Older" className="min-w-32 flex-1 sm:flex-none">
          <Select value={pair.from} onChange={(e) => onPair({ ...pair, from: Number(e.target.value) })}>
            {options}
          </Select>
        </Field>
        <Field label="Newer" className="min-w-32 flex-1 sm:flex-none">
          <Select value={pair.to} onChange={(e) => onPair({ ...pair, to: Number(e.target.value) })}>
            {options}
          </Select>
        </Field>
        {from && !from.current ? (
          <Button variant="secondary" onClick={() => onRestore(from)}>
            Restore version {from.version}
          </Button>
        ) : null}
      </div>
      {from && to ? (
        <>
          <p className="text-sm text-zinc-600" aria-live="polite">
            What changed from version {from.version} to version {to.version}
            {from.version > to.version ? " (the older one is on the right)" : ""}:
          </p>
          <GraphDiffView
            before={workflowGraph(from)}
            after={workflowGraph(to)}
            defaultModel={defaultModel}
            label={`Changes from version ${from.version} to version ${to.version}`}
          />
        </>
      ) : null}
    </section>
  );
}

/** The crew's (or graph's) versions, newest first; restoring one makes it current as a new version. */
export function VersionHistory({
  slug,
  workflowId,
  defaultModel,
  dirty,
}: {
  slug: string;
  workflowId: string;
  defaultModel: string;
  dirty?: boolean;
}) {
  const versions = useWorkflowVersions(slug, workflowId);
  const restore = useRestoreVersion(slug, workflowId);
  const [restoring, setRestoring] = useState<WorkflowVersion | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ from: number; to: number } | null>(null);
  const compareRef = useRef<HTMLDivElement>(null);
  const items = versions.data?.pages.flatMap((p) => p.data) ?? [];
  const graphs = items.some((v) => workflowKind(v) === "graph") && items.length > 1;
  const pair = chosen ?? { from: items[1]?.version ?? 0, to: items[0]?.version ?? 0 };
  /** The version listed after `v` (newest first): the one before it. */
  const olderThan = (i: number) => items[i + 1];
  function compare(pairTo: { from: number; to: number }) {
    setChosen(pairTo);
    compareRef.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  function close() {
    setRestoring(null);
    restore.reset();
  }

  return (
    <Card>
      <CardHeader
        title="Version history"
        description="Every change to the crew or graph is kept. Runs record the version they used."
      />
      {restored ? (
        <Alert tone="success" className="m-4">
          {restored}
        </Alert>
      ) : null}
      <QueryState
        query={versions}
        loadingLabel="Loading versions"
        rows={2}
        errorTitle="Could not load versions"
        retry={false}
      >
        {graphs ? (
          <div ref={compareRef} className="scroll-mt-4">
            <CompareVersions
              items={items}
              pair={pair}
              onPair={setChosen}
              defaultModel={defaultModel}
              onRestore={setRestoring}
            />
          </div>
        ) : null}
        <ul className="divide-y divide-zinc-100" aria-label="Versions">
          {items.map((v, i) => {
            const older = olderThan(i);
            return (
              <VersionItem
                key={v.id}
                version={v}
                defaultModel={defaultModel}
                onRestore={() => setRestoring(v)}
                onCompare={
                  graphs && older && workflowKind(v) === "graph"
                    ? () => compare({ from: older.version, to: v.version })
                    : undefined
                }
              />
            );
          })}
        </ul>
        {versions.hasNextPage ? (
          <div className="border-t border-zinc-100 p-3 text-center">
            <LoadMoreButton query={versions} label="Load older versions" />
          </div>
        ) : null}
      </QueryState>
      <Dialog
        open={restoring !== null}
        onClose={close}
        title={`Restore version ${restoring?.version ?? ""}?`}
        description={`Its ${restoring && workflowKind(restoring) === "graph" ? "graph" : "crew"} becomes current as a new version; nothing is deleted.${dirty ? " Your unsaved changes will be discarded." : ""}`}
      >
        {restore.error ? <Alert tone="error">{errorMessage(restore.error)}</Alert> : null}
        <DialogFooter
          confirmLabel="Restore version"
          onCancel={close}
          onConfirm={() =>
            restoring &&
            restore.mutate(restoring.version, {
              onSuccess: (res) => {
                close();
                setChosen(null);
                setRestored(`Restored version ${res.restoredFrom} as version ${res.version}.`);
              },
            })
          }
          pending={restore.isPending}
        />
      </Dialog>
    </Card>
  );
}
