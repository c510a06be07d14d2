"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { useCreateAgent } from "@/lib/queries/use-agents";
import { agentBody, emptyAgentDraft } from "./agent-draft";
import { AgentForm } from "./agent-form";
import { browserTimeZone } from "./schedule-draft";

/** The create-agent page; a new agent opens its own page. */
export function NewAgentPage() {
  const { workspace } = useCurrentWorkspace();
  const router = useRouter();
  const create = useCreateAgent(workspace.slug);
  // The time zone field is not rendered for the initial "manual" schedule, so server and browser agree.
  const [initial] = useState(() => emptyAgentDraft(browserTimeZone()));

  return (
    <AgentForm
      title="New agent"
      description="What should it achieve, with which workflows, and when should it run?"
      initial={initial}
      submitLabel="Create agent"
      pending={create.isPending}
      error={create.error}
      onCancel={() => router.back()}
      onSubmit={(draft) =>
        create.mutate(agentBody(draft), {
          onSuccess: (agent) => router.push(`/w/${encodeURIComponent(workspace.slug)}/agents/${agent.id}`),
        })
      }
    />
  );
}
