"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { LoadMoreButton } from "@/components/ui/load-more";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { QueryState } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/queries/api-client";
import { formatDateTime, formatRelative } from "@/lib/queries/format";
import { useRestoreVersion, useWorkflowVersions } from "@/lib/queries/use-workflows";
import { sizeLabel, workflowCrew, workflowGraph, workflowKind } from "@/lib/queries/workflow-graph";
import type { Graph, WorkflowVersion } from "@/lib/queries/workflow-types";

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
              <span className="text-zinc-500">{n.model ?? `${defaultModel} (default)`}</span>
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
}: {
  version: WorkflowVersion;
  defaultModel: string;
  onRestore: () => void;
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
        {version.current ? null : (
          <Button
            variant="secondary"
            size="sm"
            className="ml-auto"
            onClick={onRestore}
            aria-label={`Restore version ${version.version}`}
          >
            Restore
          </Button>
        )}
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
                  {i + 1}. {a.role} · <span className="text-zinc-500">{a.model ?? `${defaultModel} (default)`}</span>
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
  const items = versions.data?.pages.flatMap((p) => p.data) ?? [];

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
      <QueryState
        query={versions}
        loadingLabel="Loading versions"
        rows={2}
        errorTitle="Could not load versions"
        retry={false}
      >
        <ul className="divide-y divide-zinc-100" aria-label="Versions">
          {items.map((v) => (
            <VersionItem key={v.id} version={v} defaultModel={defaultModel} onRestore={() => setRestoring(v)} />
          ))}
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
        description={`Its ${restoring && workflowKind(restoring) === "graph" ? "graph" : "crew"} becomes current as a new version; nothing is deleted.${dirty ? " Your unsaved crew changes will be discarded." : ""}`}
      >
        {restore.error ? <Alert tone="error">{errorMessage(restore.error)}</Alert> : null}
        <DialogFooter
          confirmLabel="Restore version"
          onCancel={close}
          onConfirm={() => restoring && restore.mutate(restoring.version, { onSuccess: close })}
          pending={restore.isPending}
        />
      </Dialog>
    </Card>
  );
}
