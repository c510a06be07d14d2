"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { forkRequestSchema } from "@/lib/runs/forks/fork-schemas";
import { apiRequest } from "./api-client";
import { runKeys } from "./use-runs";

export type ForkRequest = z.input<typeof forkRequestSchema>;

/** Forks a finished run from a step; resolves with the new run's id. */
export function useForkRun(slug: string, runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ForkRequest) =>
      apiRequest<{ id: string }>(`/api/v1/runs/${encodeURIComponent(runId)}/fork`, {
        method: "POST",
        workspace: slug,
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: runKeys.lists(slug) }),
  });
}
