"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { decideProposalSchema } from "@/lib/agents/proposal-schemas";
import { apiRequest } from "./api-client";
import { agentKeys } from "./use-agents";
import { workflowKeys } from "./use-workflows";

export type ProposalDecisionBody = z.input<typeof decideProposalSchema>;

/** An admin's decision on an agent's open proposal; the agent, its reflections and the workflow are read again. */
export function useDecideProposal(slug: string, agentId: string, reflectionId: string, workflowId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProposalDecisionBody) =>
      apiRequest<unknown>(
        `/api/v1/agents/${encodeURIComponent(agentId)}/reflections/${encodeURIComponent(reflectionId)}/decide`,
        { method: "POST", workspace: slug, body },
      ),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: agentKeys.reflections(slug, agentId) }),
        client.invalidateQueries({ queryKey: agentKeys.detail(slug, agentId) }),
        ...(workflowId ? [client.invalidateQueries({ queryKey: workflowKeys.detail(slug, workflowId) })] : []),
      ]),
  });
}
