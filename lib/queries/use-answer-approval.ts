"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { answerApprovalSchema } from "@/lib/runs/approvals/approval-schemas";
import { apiRequest } from "./api-client";
import { runKeys } from "./use-runs";

export type ApprovalAnswerBody = z.input<typeof answerApprovalSchema>;

/** Answers a run's waiting approval at `nodeId`; the run is read again (and its lists) once answered. */
export function useAnswerApproval(slug: string, runId: string, nodeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApprovalAnswerBody) =>
      apiRequest<unknown>(`/api/v1/runs/${encodeURIComponent(runId)}/approvals/${encodeURIComponent(nodeId)}`, {
        method: "POST",
        workspace: slug,
        body,
      }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: runKeys.detail(slug, runId) }),
        client.invalidateQueries({ queryKey: runKeys.lists(slug) }),
      ]),
  });
}
