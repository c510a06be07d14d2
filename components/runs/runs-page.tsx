"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Button } from "@/components/ui/button";
import { LoadMoreButton } from "@/components/ui/load-more";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { QueryState } from "@/components/ui/query-state";
import { useRuns, type RunFilters } from "@/lib/queries/use-runs";
import { useWorkflows } from "@/lib/queries/use-workflows";
import type { RunStatus } from "@/lib/queries/workflow-types";
import { RunTable } from "./run-table";

const STATUSES: RunStatus[] = ["queued", "running", "waiting", "completed", "failed", "cancelled"];

function readFilters(params: URLSearchParams): RunFilters {
  const status = params.get("status");
  return {
    workflowId: params.get("workflowId") || undefined,
    status: STATUSES.includes(status as RunStatus) ? (status as RunStatus) : undefined,
  };
}

/** Every run of the workspace, newest first, filtered by workflow and status (kept in the URL). */
export function RunsPage() {
  const { workspace } = useCurrentWorkspace();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = readFilters(new URLSearchParams(params.toString()));
  const runs = useRuns(workspace.slug, filters);
  const workflows = useWorkflows(workspace.slug);
  const workflowOptions = workflows.data?.pages.flatMap((p) => p.data) ?? [];
  const items = runs.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(filters.workflowId || filters.status);

  function setFilter(name: keyof RunFilters, value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  return (
    <>
      <PageHeader
        title="Runs"
        description="Every execution of your workflows, newest first. Open one to see its transcript."
      />
      <PageBody>
        <div className="grid gap-4 sm:grid-cols-[minmax(0,16rem)_minmax(0,12rem)_auto] sm:items-end">
          <Field label="Workflow">
            <Select value={filters.workflowId ?? ""} onChange={(e) => setFilter("workflowId", e.target.value)}>
              <option value="">All workflows</option>
              {workflowOptions.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
              {filters.workflowId && !workflowOptions.some((w) => w.id === filters.workflowId) ? (
                <option value={filters.workflowId}>This workflow</option>
              ) : null}
            </Select>
          </Field>
          <Field label="Status">
            <Select value={filters.status ?? ""} onChange={(e) => setFilter("status", e.target.value)}>
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s[0]!.toUpperCase() + s.slice(1)}
                </option>
              ))}
            </Select>
          </Field>
          {filtered ? (
            <Button
              variant="ghost"
              onClick={() => router.replace(pathname, { scroll: false })}
              className="justify-self-start"
            >
              Clear filters
            </Button>
          ) : null}
        </div>
        <Card>
          <QueryState
            query={runs}
            loadingLabel="Loading runs"
            errorTitle="Could not load runs"
            isEmpty={items.length === 0}
            empty={
              <EmptyState
                icon="play"
                title={filtered ? "No runs match these filters" : "No runs yet"}
                description={
                  filtered
                    ? "Try another workflow or status."
                    : "Open a workflow, type an input and start a run: it shows up here."
                }
              />
            }
          >
            <RunTable slug={workspace.slug} runs={items} />
            <div className="flex items-center justify-between border-t border-zinc-200 px-4 py-3 text-sm text-zinc-500">
              <span>
                {items.length} {items.length === 1 ? "run" : "runs"} shown
              </span>
              <LoadMoreButton query={runs} />
            </div>
          </QueryState>
        </Card>
      </PageBody>
    </>
  );
}
