"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageBody } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { AgentDto } from "@/lib/queries/agent-types";
import { useAgent, useUpdateAgent } from "@/lib/queries/use-agents";
import { agentDraftFrom, changedFields } from "./agent-draft";
import { AgentForm } from "./agent-form";

function EditForm({ slug, agent }: { slug: string; agent: AgentDto }) {
  const router = useRouter();
  const update = useUpdateAgent(slug, agent.id);
  // Taken once: later refreshes of the agent do not overwrite what is being typed.
  const [initial] = useState(() => agentDraftFrom(agent));
  const back = `/w/${encodeURIComponent(slug)}/agents/${agent.id}`;

  return (
    <AgentForm
      title={`Edit ${agent.name}`}
      description="Changes apply from the next tick; a new schedule moves the next run."
      initial={initial}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      requireChange
      onCancel={() => router.push(back)}
      onSubmit={(draft) => update.mutate(changedFields(initial, draft), { onSuccess: () => router.push(back) })}
    />
  );
}

/** The agent's fields in the create form; saving sends only what changed. */
export function EditAgentPage({ id }: { id: string }) {
  const { workspace } = useCurrentWorkspace();
  const slug = workspace.slug;
  const agent = useAgent(slug, id);

  if (agent.data) return <EditForm key={agent.data.id} slug={slug} agent={agent.data} />;
  return (
    <PageBody>
      {agent.isPending ? (
        <SkeletonRows label="Loading agent" />
      ) : (
        <>
          <QueryError title="Could not load this agent" error={agent.error} onRetry={agent.refetch} />
          <Link
            href={`/w/${encodeURIComponent(slug)}/agents`}
            className="text-sm font-medium text-accent hover:underline"
          >
            Back to agents
          </Link>
        </>
      )}
    </PageBody>
  );
}
