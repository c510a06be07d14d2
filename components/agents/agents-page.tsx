"use client";

import Link from "next/link";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { LoadMoreButton } from "@/components/ui/load-more";
import { QueryState } from "@/components/ui/query-state";
import { useAgents } from "@/lib/queries/use-agents";
import { AgentTable } from "./agent-table";

export function AgentsPage() {
  const { workspace } = useCurrentWorkspace();
  const agents = useAgents(workspace.slug);
  const items = agents.data?.pages.flatMap((p) => p.data) ?? [];
  const createLink = (
    <Link href={`/w/${encodeURIComponent(workspace.slug)}/agents/new`} className={buttonClasses()}>
      <Icon name="plus" className="size-4" />
      New agent
    </Link>
  );

  return (
    <>
      <PageHeader
        title="Agents"
        description="An agent runs its workflows on a schedule, reflects on every run against its goal, and can repair a crew that does not get there."
        actions={items.length > 0 ? createLink : null}
      />
      <PageBody>
        <Card>
          <QueryState
            query={agents}
            loadingLabel="Loading agents"
            errorTitle="Could not load agents"
            isEmpty={items.length === 0}
            empty={
              <EmptyState
                icon="bot"
                title="No agents yet"
                description="Give an agent a goal and the workflows it should run; it can run by hand, every few minutes, on a cron schedule or once."
                action={createLink}
              />
            }
          >
            <AgentTable slug={workspace.slug} agents={items} />
            {agents.hasNextPage ? (
              <div className="border-t border-zinc-200 p-3 text-center">
                <LoadMoreButton query={agents} />
              </div>
            ) : null}
          </QueryState>
        </Card>
      </PageBody>
    </>
  );
}
