"use client";

import Link from "next/link";
import { useState } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Button } from "@/components/ui/button";
import { LoadMoreButton } from "@/components/ui/load-more";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { QueryState } from "@/components/ui/query-state";
import { useWorkflows } from "@/lib/queries/use-workflows";
import { CreateWorkflowDialog } from "./create-workflow-dialog";
import { WorkflowTable } from "./workflow-table";

export function WorkflowsPage() {
  const { workspace } = useCurrentWorkspace();
  const workflows = useWorkflows(workspace.slug);
  const [creating, setCreating] = useState(false);
  const items = workflows.data?.pages.flatMap((p) => p.data) ?? [];

  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Icon name="plus" className="size-4" />
      New workflow
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Workflows"
        description="A workflow is a team of agents that work on an input: a crew that runs in order, or a graph whose nodes branch, run in parallel and loop. Build it once, run it as often as you like."
        actions={items.length > 0 ? createButton : null}
      />
      <PageBody>
        <Card>
          <QueryState
            query={workflows}
            loadingLabel="Loading workflows"
            errorTitle="Could not load workflows"
            isEmpty={items.length === 0}
            empty={
              <EmptyState
                icon="workflow"
                title="No workflows yet"
                description={
                  <>
                    Create your first workflow: it starts with a planner and a writer, and you can add researchers,
                    reviewers or any role you need.{" "}
                    <Link href="/docs/guides/first-workflow" className="text-accent underline">
                      Your first workflow, step by step
                    </Link>
                  </>
                }
                action={createButton}
              />
            }
          >
            <WorkflowTable slug={workspace.slug} workflows={items} />
            {workflows.hasNextPage ? (
              <div className="border-t border-zinc-200 p-3 text-center">
                <LoadMoreButton query={workflows} />
              </div>
            ) : null}
          </QueryState>
        </Card>
      </PageBody>
      <CreateWorkflowDialog slug={workspace.slug} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
