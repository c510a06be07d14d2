"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useLeaveGuard } from "@/components/dashboard/leave-guard";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { Card } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { useDeleteWorkflow, useUpdateWorkflow, useWorkflow } from "@/lib/queries/use-workflows";
import { modelDisplay, sizeLabel, workflowKind } from "@/lib/queries/workflow-graph";
import type { Workflow } from "@/lib/queries/workflow-types";
import { CrewBuilder } from "./crew-builder";
import { CrewDiagram, GraphPanel } from "./graph-view";
import { NextTrigger } from "./next-trigger";
import { RecentRuns } from "./recent-runs";
import { RunForm } from "./run-form";
import { VersionHistory } from "./version-history";
import { WorkflowSettings } from "./workflow-settings";
import { WorkflowStatusBadge } from "./workflow-status-badge";

// The editor (and its canvas library) loads only when someone edits a graph.
const loadEditor = () => import("./graph-editor/graph-editor");

/** Starts loading the editor and, at canvas width, its canvas: one wait instead of two in a row. */
function preloadEditor() {
  void loadEditor();
  if (window.matchMedia("(min-width: 768px)").matches) void import("./graph-editor/editor-canvas");
}

const GraphEditor = dynamic(
  () => {
    preloadEditor();
    return loadEditor().then((m) => m.GraphEditor);
  },
  {
    ssr: false,
    loading: () => (
      <Card className="p-5">
        <SkeletonRows rows={6} label="Loading the graph editor" />
      </Card>
    ),
  },
);

/** `?edit=graph` opens the editor (a link straight to editing). */
function useEditing(): [boolean, (on: boolean) => void] {
  const requested = useSyncExternalStore(
    () => () => {},
    () => new URLSearchParams(window.location.search).get("edit") === "graph",
    () => false,
  );
  const [choice, setChoice] = useState<boolean | null>(null);
  return [choice ?? requested, setChoice];
}

function PauseButton({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const update = useUpdateWorkflow(slug, workflow.id);
  const paused = workflow.status === "paused";
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        loading={update.isPending}
        onClick={() => update.mutate({ status: paused ? "active" : "paused" })}
      >
        {paused ? "Resume" : "Pause"}
      </Button>
      {update.error ? (
        <p role="alert" className="text-xs text-red-600">
          {errorMessage(update.error)}
        </p>
      ) : null}
    </div>
  );
}

function Loaded({ slug, workflow }: { slug: string; workflow: Workflow }) {
  const router = useRouter();
  const [dirty, setDirty] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [editing, setEditing] = useEditing();
  const remove = useDeleteWorkflow(slug, workflow.id);
  const list = `/w/${encodeURIComponent(slug)}/workflows`;
  const graph = workflowKind(workflow) === "graph";
  useLeaveGuard(
    dirty
      ? {
          title: "Discard unsaved changes?",
          description: `The ${graph ? "graph" : "crew"} has changes that are not saved. Leaving the page discards them.`,
        }
      : null,
  );
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {workflow.name}
            <WorkflowStatusBadge status={workflow.status} />
          </span>
        }
        description={
          workflow.description ??
          `Default model ${modelDisplay(workflow.model)} · ${sizeLabel(workflow)} · version ${workflow.currentVersion}`
        }
        actions={
          <>
            {graph && !editing ? (
              <Button onPointerEnter={preloadEditor} onFocus={preloadEditor} onClick={() => setEditing(true)}>
                Edit graph
              </Button>
            ) : null}
            <PauseButton slug={slug} workflow={workflow} />
            <Button variant="danger-ghost" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </>
        }
      />
      <PageBody>
        <nav aria-label="Breadcrumb" className="-mt-2 text-sm">
          <Link href={list} className="text-zinc-500 hover:text-zinc-900 hover:underline">
            ← All workflows
          </Link>
        </nav>
        <NextTrigger workflow={workflow} />
        {graph && editing ? (
          <GraphEditor
            slug={slug}
            workflow={workflow}
            onDirtyChange={setDirty}
            onClose={() => {
              setDirty(false);
              setEditing(false);
            }}
          />
        ) : null}
        {/* Phone: run, crew (or graph), versions, recent runs, settings. Wide: crew and versions beside the rest. */}
        <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
          <div className="contents lg:block lg:min-w-0 lg:space-y-6">
            <div className="order-2 min-w-0 space-y-6">
              {graph && editing ? null : graph ? (
                <GraphPanel slug={slug} workflow={workflow} />
              ) : (
                <>
                  <CrewBuilder slug={slug} workflow={workflow} onDirtyChange={setDirty} />
                  <CrewDiagram slug={slug} workflow={workflow} />
                </>
              )}
            </div>
            <div className="order-3 min-w-0">
              <VersionHistory
                slug={slug}
                workflowId={workflow.id}
                defaultModel={modelDisplay(workflow.model)}
                dirty={dirty}
              />
            </div>
          </div>
          <div className="contents lg:block lg:min-w-0 lg:space-y-6">
            <div className="order-1 min-w-0">
              <RunForm slug={slug} workflow={workflow} unsaved={dirty} />
            </div>
            <div className="order-4 min-w-0">
              <RecentRuns slug={slug} workflowId={workflow.id} />
            </div>
            <div className="order-5 min-w-0">
              <WorkflowSettings slug={slug} workflow={workflow} />
            </div>
          </div>
        </div>
      </PageBody>
      <ConfirmDialog
        open={deleting}
        title={`Delete “${workflow.name}”?`}
        description="The workflow, its versions and its runs are deleted; their usage stays on the Billing page. Runs still queued or running must end first. This cannot be undone."
        confirmLabel="Delete workflow"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push(list) })}
      />
    </>
  );
}

/** A workflow: its crew builder (or graph), run form, recent runs, settings and version history. */
export function WorkflowPage({ id }: { id: string }) {
  const { workspace } = useCurrentWorkspace();
  const workflow = useWorkflow(workspace.slug, id);
  // A link straight to the editor loads it while the workflow is fetched.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).get("edit") === "graph") preloadEditor();
  }, []);
  if (workflow.data) return <Loaded slug={workspace.slug} workflow={workflow.data} />;
  const list = `/w/${encodeURIComponent(workspace.slug)}/workflows`;
  return (
    <>
      <PageHeader title={workflow.isPending ? <Skeleton className="h-7 w-48" /> : "Workflow"} />
      <PageBody>
        {workflow.isPending ? (
          <SkeletonRows rows={4} label="Loading workflow" />
        ) : workflow.error instanceof ApiError && workflow.error.status === 404 ? (
          <Alert tone="info" title="Workflow not found">
            It may have been deleted, or it belongs to another workspace.{" "}
            <Link href={list} className="font-medium underline">
              See all workflows
            </Link>
          </Alert>
        ) : (
          <QueryError title="Could not load the workflow" error={workflow.error} onRetry={workflow.refetch} />
        )}
      </PageBody>
    </>
  );
}
